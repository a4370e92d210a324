import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { Pager } from "../../../components/Pager";
import { NoticesTable } from "../../../components/notices/NoticesTable";
import { areaBase, type Area } from "../../../lib/area";

const PAGE = 25;

/** The inbox: a customer's notices (portal), or the notices to a staff member's role (back-office). */
export function NoticesPage({ area }: { area: Area }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unread = area === "portal" && params.get("unread") === "1";
  const offset = Math.max(0, Number(params.get("offset") ?? 0) || 0);
  const state = useApi(
    () =>
      unwrap(api.GET("/api/v1/notices", { params: { query: { page: Math.floor(offset / PAGE) + 1, pageSize: PAGE, ...(unread ? { unread: true } : {}) } } })),
    [unread, offset],
  );

  function update(next: { unread?: boolean; offset?: number }) {
    const out = new URLSearchParams();
    if (next.unread ?? unread) {
      out.set("unread", "1");
    }
    if (next.offset) {
      out.set("offset", String(next.offset));
    }
    setParams(out);
  }

  return (
    <>
      <PageHeader title={t("notices.title")} subtitle={area === "portal" ? t("notices.intro") : t("notices.staffIntro")} />
      {area === "portal" ? (
        <div className="filters">
          <label className="checkbox-inline">
            <input type="checkbox" checked={unread} onChange={(e) => update({ unread: e.target.checked, offset: 0 })} data-testid="notices-unread-filter" />
            {t("notices.onlyUnread")}
          </label>
        </div>
      ) : null}
      <Loaded state={state}>
        {(page) => (
          <section className="card">
            {page.items.length === 0 ? (
              <p className="muted" data-testid="notices-empty">
                {t("notices.none")}
              </p>
            ) : (
              <NoticesTable notices={page.items} linkTo={(n) => `${areaBase(area)}/notices/${n.id}`} showRead={area === "portal"} />
            )}
            {page.total > PAGE ? <Pager offset={offset} limit={PAGE} total={page.total} onChange={(o) => update({ offset: o })} /> : null}
          </section>
        )}
      </Loaded>
    </>
  );
}
