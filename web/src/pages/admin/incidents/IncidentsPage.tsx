import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api, incidentExportUrl, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import type { IncidentDecision, IncidentStatus, IncidentSummary } from "../../../api/types";
import { DeadlineText, DecisionBadge, IncidentStatusBadge } from "../../../components/breaches/badges";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { Badge } from "../../../components/StatusBadge";
import { formatInstant } from "../../../lib/format";
import { canIncidentWrite, useMe } from "../../../session";
import { settled } from "./settled";

const STATUSES: readonly IncidentStatus[] = ["open", "closed"];
const DECISIONS: readonly IncidentDecision[] = ["pending", "notify", "no_notify"];
const asStatus = (v: string | null) => STATUSES.find((s) => s === v);
const asDecision = (v: string | null) => DECISIONS.find((d) => d === v);

/** The incident register (GDPR art. 33(5)): every security incident, breach or not, with its 48-hour clock. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const status = asStatus(params.get("status"));
  const decision = asDecision(params.get("decision"));
  const state = useApi(
    () => unwrap(api.GET("/api/v1/incidents", { params: { query: { ...(status ? { status } : {}), ...(decision ? { decision } : {}) } } })),
    [status, decision],
  );
  const setFilter = (key: "status" | "decision", value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(key, value);
    } else {
      next.delete(key);
    }
    setParams(next);
  };
  return (
    <>
      <PageHeader
        title={t("incidents.title")}
        subtitle={t("incidents.intro")}
        actions={
          canIncidentWrite(me) ? (
            <Link className="btn btn-primary" to="/admin/incidents/new" data-testid="incident-new">
              {t("incidents.new")}
            </Link>
          ) : null
        }
      />
      <section className="card" aria-labelledby="register-heading">
        <div className="section-head">
          <h2 id="register-heading">{t("incidents.register")}</h2>
          <p className="export-links small">
            {t("incidents.export")}:{" "}
            {(["csv", "xlsx", "pdf"] as const).map((format, i) => (
              <span key={format}>
                {i > 0 ? " · " : null}
                <a href={incidentExportUrl(format)} download data-testid={`incidents-export-${format}`}>
                  {format.toUpperCase()}
                </a>
              </span>
            ))}
          </p>
        </div>
        <div className="filters">
          <div className="field">
            <label htmlFor="incident-status">{t("incidents.statusFilter")}</label>
            <select
              id="incident-status"
              value={status ?? ""}
              onChange={(e) => setFilter("status", asStatus(e.target.value))}
              data-testid="incidents-status-filter"
            >
              <option value="">{t("incidents.all")}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`incidents.statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="incident-decision">{t("incidents.decisionFilter")}</label>
            <select
              id="incident-decision"
              value={decision ?? ""}
              onChange={(e) => setFilter("decision", asDecision(e.target.value))}
              data-testid="incidents-decision-filter"
            >
              <option value="">{t("incidents.all")}</option>
              {DECISIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`incidents.decisions.${d}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Loaded state={state}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted" data-testid="incidents-empty">
                {status || decision ? t("incidents.noneFiltered") : t("incidents.none")}
              </p>
            ) : (
              <IncidentsTable incidents={list} />
            )
          }
        </Loaded>
      </section>
    </>
  );
}

function IncidentsTable({ incidents }: { incidents: readonly IncidentSummary[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="incidents-table">
        <thead>
          <tr>
            <th scope="col">{t("incidents.incident")}</th>
            <th scope="col">{t("incidents.discoveredAt")}</th>
            <th scope="col">{t("incidents.deadline")}</th>
            <th scope="col">{t("incidents.decision")}</th>
            <th scope="col">{t("incidents.customers")}</th>
            <th scope="col">{t("incidents.status")}</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((i) => (
            <tr
              key={i.id}
              className={i.overdue > 0 ? "overdue" : undefined}
              data-testid="incident-row"
              data-reference={i.reference}
              data-decision={i.decision}
              data-overdue={i.overdue > 0 ? "true" : "false"}
            >
              <td>
                <Link to={`/admin/incidents/${i.id}`} data-testid="incident-open">
                  <span className="nowrap">{i.reference}</span> · {i.title}
                </Link>
                {i.ongoing && i.status === "open" ? (
                  <>
                    {" "}
                    <Badge tone="warning">{t("incidents.ongoing")}</Badge>
                  </>
                ) : null}
              </td>
              <td className="small nowrap">{formatInstant(i.discoveredAt)}</td>
              <td className="small">
                {i.decision === "no_notify" ? (
                  <span className="muted">{t("incidents.noDeadline")}</span>
                ) : (
                  <DeadlineText dueAt={i.dueAt} settled={settled(i)} />
                )}
                {i.overdue > 0 ? (
                  <div>
                    <Badge tone="danger">{t("incidents.overdueCount", { count: i.overdue })}</Badge>
                  </div>
                ) : settled(i) && i.affected > 0 && i.decision === "notify" ? (
                  <div>
                    <Badge tone="success">{t("incidents.allNotified")}</Badge>
                  </div>
                ) : null}
              </td>
              <td>
                <DecisionBadge decision={i.decision} />
              </td>
              <td className="small">
                <dl className="status-list">
                  <div>
                    <dt>{t("incidents.affected")}</dt>
                    <dd className="num">{i.affected}</dd>
                  </div>
                  <div>
                    <dt>{t("incidents.notified")}</dt>
                    <dd className="num">{i.notified}</dd>
                  </div>
                  <div className={i.overdue > 0 ? "overdue-text" : undefined}>
                    <dt>{t("incidents.overdue")}</dt>
                    <dd className="num">{i.overdue}</dd>
                  </div>
                </dl>
              </td>
              <td>
                <IncidentStatusBadge status={i.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
