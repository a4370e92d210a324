import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { usePagedList } from "../../../api/pages";
import { PagedList } from "../../../components/PagedList";
import { useApi } from "../../../api/useApi";
import type { SubprocessorStatus } from "../../../api/types";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { SubprocessorStatusBadge, ZoneBadge } from "../../../components/subprocessors/badges";
import { shortHash } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { canStaffWrite, useMe } from "../../../session";
import { ChangesTable } from "./ChangesTable";
import { TransferWarnings } from "./TransferWarnings";

const STATUSES: readonly SubprocessorStatus[] = ["active", "proposed", "removed"];
const asStatus = (v: string | null) => STATUSES.find((s) => s === v);

/** The announced changes a page at a time (keyset). */
const CHANGE_PAGE = 50;

/** The register (art. 5), transfer warnings (art. 3.1) and the announced changes, on one page. */
export function SubprocessorsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const status = asStatus(params.get("status"));
  const register = useApi(() => unwrap(api.GET("/api/v1/subprocessors", { params: { query: status ? { status } : {} } })), [status]);
  const { pages: changePages, state: changes } = usePagedList([], (page) =>
    unwrap(api.GET("/api/v1/subprocessor-changes", { params: { query: { limit: CHANGE_PAGE, ...page } } })),
  );
  const writer = canStaffWrite(me);
  return (
    <>
      <PageHeader
        title={t("subprocessors.title")}
        subtitle={t("subprocessors.registerIntro")}
        actions={
          writer ? (
            <>
              <Link className="btn" to="/admin/subprocessors/new" data-testid="subprocessor-new">
                {t("subprocessors.new")}
              </Link>{" "}
              <Link className="btn btn-primary" to="/admin/subprocessors/changes/new" data-testid="change-new">
                {t("changes.announceTitle")}
              </Link>
            </>
          ) : null
        }
      />
      <TransferWarnings />
      <section className="card" aria-labelledby="changes-heading">
        <h2 id="changes-heading">{t("changes.title")}</h2>
        <PagedList state={changes} pages={changePages} limit={CHANGE_PAGE} empty={t("changes.none")}>
          {(items) => <ChangesTable changes={items} />}
        </PagedList>
      </section>
      <section className="card" aria-labelledby="register-heading">
        <h2 id="register-heading">{t("subprocessors.register")}</h2>
        <div className="filters">
          <div className="field">
            <label htmlFor="sub-status">{t("subprocessors.statusFilter")}</label>
            <select
              id="sub-status"
              value={status ?? ""}
              onChange={(e) => {
                const next = asStatus(e.target.value);
                setParams(next ? { status: next } : {});
              }}
              data-testid="subprocessors-status-filter"
            >
              <option value="">{t("subprocessors.allStatuses")}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`subprocessors.statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Loaded state={register}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t("subprocessors.none")}</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="subprocessors-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("subprocessors.name")}</th>
                      <th scope="col">{t("subprocessors.status")}</th>
                      <th scope="col">{t("subprocessors.countries")}</th>
                      <th scope="col">{t("subprocessors.services")}</th>
                      <th scope="col">{t("subprocessors.contract")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((s) => (
                      <tr key={s.id} data-testid="subprocessor-row" data-name={s.name}>
                        <td>
                          <Link to={`/admin/subprocessors/${s.id}`} data-testid="subprocessor-open">
                            {s.name}
                          </Link>
                          <p className="muted small clamp">{s.activity[lang]}</p>
                        </td>
                        <td>
                          <SubprocessorStatusBadge status={s.status} />
                          {s.pendingChangeId ? (
                            <div className="small">
                              <Link to={`/admin/subprocessors/changes/${s.pendingChangeId}`}>{t("subprocessors.pendingChange")}</Link>
                            </div>
                          ) : null}
                        </td>
                        <td>
                          <div className="country-list">
                            {s.locations.map((l, i) => (
                              <span key={`${l.country}-${i}`} title={l.countryName[lang]}>
                                {l.country} <ZoneBadge zone={l.zone} lawful={l.lawful} />
                              </span>
                            ))}
                          </div>
                        </td>
                        <td className="small">{s.services.map((sv) => (lang === "en" ? sv.en : sv.nl)).join(", ") || "—"}</td>
                        <td className="small">
                          {s.contract ? <code title={s.contract.sha256}>{shortHash(s.contract.sha256)}</code> : <span className="muted">—</span>}
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
