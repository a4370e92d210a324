import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, incidentExportUrl, unwrap } from "../../../api/client";
import { usePagedList, useUrlFilters } from "../../../api/pages";
import { SelectField } from "../../../components/fields";
import { PagedList } from "../../../components/PagedList";
import { SearchForm } from "../../../components/SearchForm";
import type { IncidentDecision, IncidentStatus, IncidentSummary } from "../../../api/types";
import { DeadlineText, DecisionBadge, IncidentStatusBadge } from "../../../components/breaches/badges";
import { PageHeader } from "../../../components/PageHeader";
import { Badge } from "../../../components/StatusBadge";
import { formatInstant } from "../../../lib/format";
import { canIncidentWrite, useMe } from "../../../session";
import { settled } from "./settled";

const STATUSES: readonly IncidentStatus[] = ["open", "closed"];
const DECISIONS: readonly IncidentDecision[] = ["pending", "notify", "no_notify"];
const asStatus = (v: string) => STATUSES.find((s) => s === v);
const asDecision = (v: string) => DECISIONS.find((d) => d === v);

const PAGE = 50;

/**
 * The incident register (GDPR art. 33(5)): every security incident, breach or not, with its 48-hour
 * clock, newest discovery first, searched by title or reference and filtered, a page at a time (keyset).
 */
export function IncidentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [filters, update] = useUrlFilters(["status", "decision", "q"]);
  const status = asStatus(filters.status);
  const decision = asDecision(filters.decision);
  const q = filters.q;
  const { pages, state } = usePagedList([status, decision, q], (page) =>
    unwrap(
      api.GET("/api/v1/incidents", {
        params: { query: { limit: PAGE, ...page, ...(status ? { status } : {}), ...(decision ? { decision } : {}), ...(q ? { q } : {}) } },
      }),
    ),
  );
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
        <SearchForm id="incidents-search" label={t("incidents.search")} applied={q} onSearch={(text) => update({ q: text })} testId="incidents-search">
          <SelectField<IncidentStatus | "">
            label={t("incidents.statusFilter")}
            value={status ?? ""}
            onChange={(value) => update({ status: value })}
            options={[{ value: "", label: t("incidents.all") }, ...STATUSES.map((s) => ({ value: s, label: t(`incidents.statuses.${s}`) }))]}
            testId="incidents-status-filter"
          />
          <SelectField<IncidentDecision | "">
            label={t("incidents.decisionFilter")}
            value={decision ?? ""}
            onChange={(value) => update({ decision: value })}
            options={[{ value: "", label: t("incidents.all") }, ...DECISIONS.map((d) => ({ value: d, label: t(`incidents.decisions.${d}`) }))]}
            testId="incidents-decision-filter"
          />
        </SearchForm>
        <PagedList
          state={state}
          pages={pages}
          limit={PAGE}
          empty={status || decision || q ? t("incidents.noneFiltered") : t("incidents.none")}
          emptyTestId="incidents-empty"
        >
          {(items) => <IncidentsTable incidents={items} />}
        </PagedList>
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
