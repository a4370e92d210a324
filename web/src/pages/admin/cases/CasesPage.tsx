import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../../api/client";
import { unwrapPage, usePagedList, useUrlFilters } from "../../../api/pages";
import { PagedList } from "../../../components/PagedList";
import { SearchForm } from "../../../components/SearchForm";
import { CaseStatusBadge, ClockBadge } from "../../../components/cases/CaseParts";
import { CheckboxField, SelectField } from "../../../components/fields";
import { PageHeader } from "../../../components/PageHeader";
import { formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { useMe } from "../../../session";

const STATUSES = ["open", "estimated", "accepted", "declined", "closed"] as const;

const PAGE = 50;
const asStatus = (v: string) => STATUSES.find((s) => s === v);

/** Every customer's requests with their clock, newest first, searched by customer and filtered by status and overdue, a page at a time (keyset). */
export function CasesPage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const me = useMe();
  const [filters, update] = useUrlFilters(["status", "overdue", "q"]);
  const status = asStatus(filters.status);
  const overdue = filters.overdue === "true";
  const q = filters.q;
  const { pages, state } = usePagedList([status, overdue, q], (page) =>
    unwrapPage(
      api.GET("/api/v1/cases", {
        params: { query: { limit: PAGE, ...page, ...(status ? { status } : {}), ...(overdue ? { overdue: true } : {}), ...(q ? { q } : {}) } },
      }),
    ),
  );
  return (
    <>
      <PageHeader
        title={t("cases.adminTitle")}
        subtitle={t("cases.adminIntro")}
        actions={
          me.staffRole === "admin" || me.staffRole === "privacy_officer" ? (
            <Link to="/admin/billable-items" className="btn" data-testid="billing-link">
              {t("cases.billing.title")}
            </Link>
          ) : undefined
        }
      />
      <section className="card">
        <SearchForm id="cases-search" label={t("cases.filters.search")} applied={q} onSearch={(text) => update({ q: text })} testId="cases-search">
          <SelectField
            label={t("cases.filters.status")}
            value={status ?? ""}
            onChange={(value) => update({ status: value })}
            options={[{ value: "" as const, label: t("cases.filters.all") }, ...STATUSES.map((s) => ({ value: s, label: t(`cases.statuses.${s}`) }))]}
            testId="cases-filter-status"
          />
          <CheckboxField
            label={t("cases.filters.overdue")}
            checked={overdue}
            onChange={(checked) => update({ overdue: checked ? "true" : "" })}
            testId="cases-filter-overdue"
          />
        </SearchForm>
        <PagedList state={state} pages={pages} limit={PAGE} empty={t("cases.none")} emptyTestId="cases-empty">
          {(list) => (
            <div className="table-wrap">
              <table className="table" data-testid="cases-table">
                <thead>
                  <tr>
                    <th scope="col">{t("cases.reference")}</th>
                    <th scope="col">{t("cases.customer")}</th>
                    <th scope="col">{t("cases.title")}</th>
                    <th scope="col">{t("cases.kind")}</th>
                    <th scope="col">{t("cases.status")}</th>
                    <th scope="col">{t("cases.dueAt")}</th>
                    <th scope="col">{t("cases.clockLabel")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((c) => (
                    <tr key={c.id} data-testid="case-row" data-reference={c.reference}>
                      <td className="nowrap">
                        <Link to={`/admin/cases/${c.id}`} data-testid="case-open">
                          {c.reference}
                        </Link>
                      </td>
                      <td>{c.customerName}</td>
                      <td>
                        <Link to={`/admin/cases/${c.id}`}>{c.title}</Link>
                      </td>
                      <td className="small">{pick(c.kindLabel.nl, c.kindLabel.en)}</td>
                      <td>
                        <CaseStatusBadge status={c.status} />
                      </td>
                      <td className="small nowrap">{formatInstant(c.dueAt)}</td>
                      <td>
                        <ClockBadge clock={c.clock} />
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
