import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useCursorPages } from "../../../api/pages";
import { useApi } from "../../../api/useApi";
import { PagedList } from "../../../components/PagedList";
import { PageHeader } from "../../../components/PageHeader";
import { NoticesTable } from "../../../components/notices/NoticesTable";
import { areaBase, type Area } from "../../../lib/area";

const PAGE = 25;

/**
 * The inbox: a customer's notices (portal), or the notices to a staff member's role (back-office),
 * newest first, a page at a time (keyset); found by reference, and in the back-office by customer.
 */
export function NoticesPage({ area }: { area: Area }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unread = area === "portal" && params.get("unread") === "1";
  const q = params.get("q") ?? "";
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  const pages = useCursorPages(JSON.stringify([unread, q]));
  const state = useApi(
    () =>
      unwrap(
        api.GET("/api/v1/notices", {
          params: { query: { limit: PAGE, ...(pages.after ? { after: pages.after } : {}), ...(unread ? { unread: true } : {}), ...(q ? { q } : {}) } },
        }),
      ),
    [unread, q, pages.after],
  );

  function update(next: { unread?: boolean; q?: string }) {
    const merged = { unread, q, ...next };
    const out = new URLSearchParams();
    if (merged.unread) {
      out.set("unread", "1");
    }
    if (merged.q) {
      out.set("q", merged.q);
    }
    setParams(out);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    update({ q: search.trim() });
  }

  return (
    <>
      <PageHeader title={t("notices.title")} subtitle={area === "portal" ? t("notices.intro") : t("notices.staffIntro")} />
      <form noValidate className="filters" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="notice-search">{area === "portal" ? t("notices.searchPortal") : t("notices.search")}</label>
          <input id="notice-search" type="search" value={search} maxLength={100} onChange={(e) => setSearch(e.target.value)} data-testid="notices-search" />
        </div>
        <button type="submit" className="btn">
          {t("common.search")}
        </button>
        {area === "portal" ? (
          <label className="checkbox-inline">
            <input type="checkbox" checked={unread} onChange={(e) => update({ unread: e.target.checked })} data-testid="notices-unread-filter" />
            {t("notices.onlyUnread")}
          </label>
        ) : null}
      </form>
      <section className="card">
        <PagedList state={state} pages={pages} limit={PAGE} empty={q ? t("notices.noneFound") : t("notices.none")} emptyTestId="notices-empty">
          {(items) => <NoticesTable notices={items} linkTo={(n) => `${areaBase(area)}/notices/${n.id}`} showRead={area === "portal"} />}
        </PagedList>
      </section>
    </>
  );
}
