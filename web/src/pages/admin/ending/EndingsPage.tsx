import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { usePagedList, useUrlFilters } from "../../../api/pages";
import { SelectField } from "../../../components/fields";
import { PagedList } from "../../../components/PagedList";
import { SearchForm } from "../../../components/SearchForm";
import { Badge } from "../../../components/StatusBadge";
import { PageHeader } from "../../../components/PageHeader";
import { formatInstant } from "../../../lib/format";

const PAGE = 50;
const STATUSES = ["open", "overdue", "completed"] as const;
type Status = (typeof STATUSES)[number];
const asStatus = (v: string) => STATUSES.find((s) => s === v);

/**
 * The ended agreements (art. 12.2) with their deletion plan's progress, newest end first, searchable
 * by customer and filtered by the plan's state, a page at a time (keyset). Admin and privacy officer only.
 */
export function EndingsPage() {
  const { t } = useTranslation();
  const [filters, update] = useUrlFilters(["status", "q"]);
  const status = asStatus(filters.status);
  const q = filters.q;
  const { pages, state } = usePagedList([status, q], (page) =>
    unwrap(api.GET("/api/v1/endings", { params: { query: { limit: PAGE, ...page, ...(status ? { status } : {}), ...(q ? { q } : {}) } } })),
  );
  return (
    <>
      <PageHeader title={t("ending.adminTitle")} subtitle={t("ending.adminIntro")} />
      <SearchForm id="endings-search" label={t("ending.search")} applied={q} onSearch={(text) => update({ q: text })} testId="endings-search">
        <SelectField<Status | "">
          label={t("ending.statusFilter")}
          value={status ?? ""}
          onChange={(value) => update({ status: value })}
          options={[
            { value: "", label: t("ending.allStatuses") },
            { value: "open", label: t("ending.running") },
            { value: "overdue", label: t("ending.overdue") },
            { value: "completed", label: t("ending.complete") },
          ]}
          testId="endings-status"
        />
      </SearchForm>
      <section className="card">
        <PagedList state={state} pages={pages} limit={PAGE} empty={t("ending.none")} emptyTestId="endings-empty">
          {(rows) => (
            <div className="table-wrap">
              <table className="table" data-testid="endings-table">
                <thead>
                  <tr>
                    <th scope="col">{t("ending.reference")}</th>
                    <th scope="col">{t("ending.customer")}</th>
                    <th scope="col">{t("ending.endedAt")}</th>
                    <th scope="col">{t("ending.planDueAt")}</th>
                    <th scope="col">{t("ending.progress")}</th>
                    <th scope="col">{t("ending.openHolds")}</th>
                    <th scope="col">{t("ending.portalClosesAt")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id} data-testid="ending-row" data-reference={r.reference}>
                      <td className="nowrap">
                        <Link to={`/admin/endings/${r.controllerId}`} data-testid="ending-open">
                          {r.reference}
                        </Link>
                      </td>
                      <td>
                        {r.customerName} <span className="muted small">{r.customerNumber}</span>
                      </td>
                      <td className="small nowrap">{formatInstant(r.endedAt)}</td>
                      <td className="small nowrap">
                        {formatInstant(r.planDueAt)}{" "}
                        {r.completedAt ? (
                          <Badge tone="success">{t("ending.complete")}</Badge>
                        ) : r.planOverdue ? (
                          <Badge tone="danger">{t("ending.overdue")}</Badge>
                        ) : (
                          <Badge tone="info">{t("ending.running")}</Badge>
                        )}
                      </td>
                      <td className="nowrap">
                        {r.confirmed} / {r.lines}
                      </td>
                      <td>{r.openHolds}</td>
                      <td className="small nowrap">
                        {r.portalClosedAt ? `${t("ending.portalClosedAt")} ${formatInstant(r.portalClosedAt)}` : formatInstant(r.portalClosesAt)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </PagedList>
      </section>
    </>
  );
}
