import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, contractUrl, unwrap } from "../../../api/client";
import { usePagedList } from "../../../api/pages";
import { PagedList } from "../../../components/PagedList";
import { useApi } from "../../../api/useApi";
import type { SubprocessorChange } from "../../../api/types";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { ChangeStatusBadge, ObjectionStatusBadge, ZoneBadge } from "../../../components/subprocessors/badges";
import { formatInstant } from "../../../lib/format";
import { formatRemaining, msUntil } from "../../../lib/time";
import { useLang } from "../../../lib/useLang";
import { useMe } from "../../../session";

/** The announced changes a page at a time (keyset). */
const CHANGE_PAGE = 50;

/** The customer's view of art. 5: changes announced to it (with its window) and the sub-processors of its services. */
export function PortalSubprocessorsPage() {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const me = useMe();
  const controllerId = me.controllerId ?? "";
  const { pages: changePages, state: changes } = usePagedList([], (page) =>
    unwrap(api.GET("/api/v1/subprocessor-changes", { params: { query: { limit: CHANGE_PAGE, ...page } } })),
  );
  const current = useApi(async () => {
    const [register, controller] = await Promise.all([
      unwrap(api.GET("/api/v1/subprocessors", { params: { query: { status: "active" } } })),
      unwrap(api.GET("/api/v1/controllers/{id}", { params: { path: { id: controllerId } } })),
    ]);
    const mine = new Set(controller.services.map((s) => s.code));
    return register.filter((s) => s.services.some((sv) => mine.has(sv.code))).map((s) => ({ ...s, yours: s.services.filter((sv) => mine.has(sv.code)) }));
  }, [controllerId]);

  return (
    <>
      <PageHeader title={t("subprocessors.title")} subtitle={t("subprocessors.portalIntro")} />
      <section className="card" aria-labelledby="announced-heading">
        <h2 id="announced-heading">{t("portalSubs.changesTouching")}</h2>
        <PagedList state={changes} pages={changePages} limit={CHANGE_PAGE} empty={t("portalSubs.noChanges")}>
          {(items) => <MyChanges changes={items} />}
        </PagedList>
      </section>
      <section className="card" aria-labelledby="current-heading">
        <h2 id="current-heading">{t("portalSubs.current")}</h2>
        <Loaded state={current}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t("subprocessors.noneForYou")}</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="portal-subprocessors">
                  <thead>
                    <tr>
                      <th scope="col">{t("subprocessors.name")}</th>
                      <th scope="col">{t("subprocessors.countries")}</th>
                      <th scope="col">{t("subprocessors.services")}</th>
                      <th scope="col">{t("subprocessors.contract")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((s) => (
                      <tr key={s.id} data-testid="portal-subprocessor-row">
                        <td>
                          <strong>{s.name}</strong>
                          <p className="muted small">{s.activity[lang]}</p>
                        </td>
                        <td>
                          <div className="country-list">
                            {s.locations.map((l, i) => (
                              <span key={`${l.country}-${i}`}>
                                {l.countryName[lang]} <ZoneBadge zone={l.zone} lawful={l.lawful} />
                              </span>
                            ))}
                          </div>
                        </td>
                        <td className="small">{s.yours.map((sv) => pick(sv.nl, sv.en)).join(", ")}</td>
                        <td className="small">
                          {s.contract ? (
                            <a href={contractUrl(s.id)} download={s.contract.fileName}>
                              {t("portalSubs.readContract")}
                            </a>
                          ) : (
                            <span className="muted">—</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loaded>
      </section>
    </>
  );
}

function MyChanges({ changes }: { changes: readonly SubprocessorChange[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="portal-changes">
        <thead>
          <tr>
            <th scope="col">{t("changes.kind")}</th>
            <th scope="col">{t("changes.status")}</th>
            <th scope="col">{t("portalSubs.windowEnds")}</th>
            <th scope="col">{t("portalSubs.yourObjection")}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.id} data-testid="portal-change-row">
              <td>
                <Link to={`/portal/subprocessors/changes/${c.id}`} data-testid="portal-change-open">
                  {t("changes.titleOf", { kind: t(`changes.kinds.${c.kind}`), name: c.subprocessor.name })}
                </Link>
              </td>
              <td>
                <ChangeStatusBadge status={c.status} />
              </td>
              <td className="nowrap">
                {c.mine ? (
                  <>
                    {formatInstant(c.mine.windowEndsAt)}
                    <div className="small">
                      {c.mine.windowOpen ? (
                        <span className="window-left">{formatRemaining(msUntil(c.mine.windowEndsAt), t)}</span>
                      ) : (
                        <span className="muted">{t("portalSubs.windowClosed")}</span>
                      )}
                    </div>
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td>
                {c.mine?.objection ? <ObjectionStatusBadge status={c.mine.objection.status} /> : <span className="muted">{t("portalSubs.noObjection")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
