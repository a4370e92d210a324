import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { usePagedList, useUrlFilters } from "../../../api/pages";
import { SelectField } from "../../../components/fields";
import { PagedList } from "../../../components/PagedList";
import { SearchForm } from "../../../components/SearchForm";
import { PageHeader } from "../../../components/PageHeader";
import { formatDate, formatInstant } from "../../../lib/format";

const PAGE = 50;
const STATES = ["attention", "stale", "failing", "awaiting"] as const;
type State = (typeof STATES)[number];
const asState = (value: string): State => STATES.find((s) => s === value) ?? "attention";

/** art. 4.4: privacy contacts not confirmed in time or unreachable, the longest first, a page at a time (keyset); filter and search live in the URL. */
export function StaleContactsPage() {
  const { t } = useTranslation();
  const [filters, update] = useUrlFilters(["state", "search"]);
  const search = filters.search;
  const state = asState(filters.state);
  const { pages, state: list } = usePagedList([state, search], (page) =>
    unwrap(api.GET("/api/v1/contacts", { params: { query: { state, ...(search ? { search } : {}), limit: PAGE, ...page } } })),
  );

  return (
    <>
      <PageHeader title={t("staleContacts.title")} subtitle={t("staleContacts.intro")} />
      <SearchForm
        id="contacts-search"
        label={t("staleContacts.search")}
        applied={search}
        onSearch={(text) => update({ search: text })}
        testId="contacts-search"
      >
        <SelectField<State>
          label={t("staleContacts.stateFilter")}
          value={state}
          onChange={(value) => update({ state: value === "attention" ? "" : value })}
          options={STATES.map((s) => ({ value: s, label: t(`staleContacts.states.${s}`) }))}
          testId="contacts-state"
        />
      </SearchForm>
      <PagedList state={list} pages={pages} limit={PAGE} empty={t("staleContacts.none")} emptyTestId="contacts-none">
        {(items) => (
          <div className="table-wrap">
            <table className="table" data-testid="contacts-table">
              <thead>
                <tr>
                  <th scope="col">{t("staleContacts.customer")}</th>
                  <th scope="col">{t("staleContacts.contact")}</th>
                  <th scope="col">{t("staleContacts.status")}</th>
                  <th scope="col">{t("staleContacts.lastConfirmed")}</th>
                  <th scope="col">{t("staleContacts.asked")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.controllerId} data-testid="contacts-row" data-id={c.controllerId}>
                    <td>
                      <Link to={`/admin/customers/${c.controllerId}`}>{c.customerName}</Link>
                      <div className="muted small">{c.customerNumber}</div>
                    </td>
                    <td>
                      {c.name}
                      <div className="muted small">{c.email}</div>
                    </td>
                    <td>
                      {c.staleSince ? (
                        <div>
                          <span className="badge badge-danger">{t("staleContacts.staleBadge")}</span>{" "}
                          <span data-testid="contacts-stale-for">
                            {t("staleContacts.staleFor", { since: formatDate(c.staleSince), count: c.staleDays ?? 0 })}
                          </span>
                        </div>
                      ) : null}
                      {c.failingSince ? (
                        <div>
                          <span className="badge badge-warning">{t("staleContacts.failingBadge")}</span>{" "}
                          {t("staleContacts.failingFor", { since: formatDate(c.failingSince), count: c.failingDays ?? 0 })}
                          {c.failingReason ? <div className="muted small">{c.failingReason}</div> : null}
                        </div>
                      ) : null}
                      {!c.staleSince && !c.failingSince && c.requestedAt ? <span className="badge badge-info">{t("staleContacts.awaitingBadge")}</span> : null}
                    </td>
                    <td>{formatDate(c.lastConfirmedAt)}</td>
                    <td>{c.requestedAt ? t("staleContacts.askedOn", { asked: formatDate(c.requestedAt), due: formatInstant(c.staleAt) }) : "—"}</td>
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
