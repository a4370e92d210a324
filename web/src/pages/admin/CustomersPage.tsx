import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { usePagedList, useUrlFilters } from "../../api/pages";
import type { SummaryStatus } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import { PagedList } from "../../components/PagedList";
import { AgreementStatusBadge } from "../../components/StatusBadge";
import { formatDate } from "../../lib/format";
import { enumerationText } from "../../../../src/domain/list-text.ts";
import { useLang } from "../../lib/useLang";

const PAGE = 25;
const STATUSES: readonly SummaryStatus[] = ["none", "offered", "signed_by_customer", "in_force", "ended"];
const asStatus = (value: string | null): SummaryStatus | undefined => STATUSES.find((s) => s === value);

/** All customers with their agreement state; search, filter and page live in the URL. */
export function CustomersPage() {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  /** "version 1", "version 1 (first version)" while the first is on offer, "version 1; version 2 offered"; "—" for none. */
  const versionText = (current: number | null, pending: number | null): string => {
    if (current !== null && pending !== null && pending !== current) {
      return t("edges.versionOffered", { current, next: pending });
    }
    if (current !== null) {
      return t("edges.version", { n: current });
    }
    return pending !== null ? t("edges.firstVersion", { n: pending }) : "—";
  };
  const [filters, setFilters] = useUrlFilters(["search", "status"]);
  const search = filters.search;
  const status = asStatus(filters.status);
  const [searchInput, setSearchInput] = useState(search);
  useEffect(() => setSearchInput(search), [search]);

  // A page after the last one shown (keyset), not at an offset: as quick at the 100,000th customer as at the first.
  const { pages, state } = usePagedList([search, status], (page) =>
    unwrap(
      api.GET("/api/v1/controllers", { params: { query: { ...(search ? { search } : {}), ...(status ? { status } : {}), ...page, offset: 0, limit: PAGE } } }),
    ),
  );

  function update(next: { search?: string; status?: SummaryStatus | undefined }) {
    setFilters({ ...("search" in next ? { search: next.search ?? "" } : {}), ...("status" in next ? { status: next.status ?? "" } : {}) });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    update({ search: searchInput.trim() });
  }

  return (
    <>
      <PageHeader title={t("customers.title")} />
      <form noValidate className="filters" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="customer-search">{t("customers.search")}</label>
          <input id="customer-search" type="search" value={searchInput} onChange={(e) => setSearchInput(e.target.value)} data-testid="customer-search" />
        </div>
        <div className="field">
          <label htmlFor="customer-status">{t("customers.statusFilter")}</label>
          <select id="customer-status" value={status ?? ""} onChange={(e) => update({ status: asStatus(e.target.value) })} data-testid="customer-status-filter">
            <option value="">{t("customers.allStatuses")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.agreement.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          {t("common.search")}
        </button>
      </form>
      <PagedList state={state} pages={pages} limit={PAGE} empty={t("customers.none")}>
        {(items) => (
          <div className="table-wrap">
            <table className="table" data-testid="customers-table">
              <thead>
                <tr>
                  <th scope="col">{t("customers.number")}</th>
                  <th scope="col">{t("customers.name")}</th>
                  <th scope="col">{t("customers.city")}</th>
                  <th scope="col">{t("customers.services")}</th>
                  <th scope="col">{t("customers.agreement")}</th>
                  <th scope="col">{t("customers.version")}</th>
                  <th scope="col">{t("customers.effectiveAt")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id}>
                    <td>{c.customerNumber}</td>
                    <td>
                      <Link to={`/admin/customers/${c.id}`}>{c.name}</Link>
                    </td>
                    <td>{c.city ?? "—"}</td>
                    <td className="small">
                      {enumerationText(
                        c.serviceNames.map((s) => pick(s.nl, s.en)),
                        lang,
                      ) || "—"}
                    </td>
                    <td>
                      <AgreementStatusBadge status={c.agreementStatus} />
                    </td>
                    <td data-testid="customer-version">{versionText(c.currentVersion, c.pendingVersion)}</td>
                    <td>{formatDate(c.effectiveAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </PagedList>
    </>
  );
}
