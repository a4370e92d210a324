import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { Pager } from "../../../components/Pager";
import { formatDate, formatInstant } from "../../../lib/format";

const PAGE = 50;
const STATES = ["attention", "stale", "failing", "awaiting"] as const;
type State = (typeof STATES)[number];
const asState = (value: string | null): State => STATES.find((s) => s === value) ?? "attention";

/** art. 4.4: privacy contacts not confirmed in time or unreachable, the longest first; filter, search and page live in the URL. */
export function StaleContactsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const search = params.get("search") ?? "";
  const state = asState(params.get("state"));
  const offset = Math.max(0, Number(params.get("offset") ?? 0) || 0);
  const [searchInput, setSearchInput] = useState(search);
  useEffect(() => setSearchInput(search), [search]);

  const list = useApi(
    () => unwrap(api.GET("/api/v1/contacts", { params: { query: { state, ...(search ? { search } : {}), offset, limit: PAGE } } })),
    [state, search, offset],
  );

  function update(next: { search?: string; state?: State; offset?: number }) {
    const merged = { search, state, offset: 0, ...next };
    const out = new URLSearchParams();
    if (merged.state !== "attention") {
      out.set("state", merged.state);
    }
    if (merged.search) {
      out.set("search", merged.search);
    }
    if (merged.offset) {
      out.set("offset", String(merged.offset));
    }
    setParams(out);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    update({ search: searchInput.trim() });
  }

  return (
    <>
      <PageHeader title={t("staleContacts.title")} subtitle={t("staleContacts.intro")} />
      <form noValidate className="filters" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="contacts-state">{t("staleContacts.stateFilter")}</label>
          <select id="contacts-state" value={state} onChange={(e) => update({ state: asState(e.target.value) })} data-testid="contacts-state">
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`staleContacts.states.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="contacts-search">{t("staleContacts.search")}</label>
          <input id="contacts-search" type="search" value={searchInput} onChange={(e) => setSearchInput(e.target.value)} data-testid="contacts-search" />
        </div>
        <button type="submit" className="btn">
          {t("common.search")}
        </button>
      </form>
      <Loaded state={list}>
        {(page) => (
          <>
            {page.items.length === 0 ? (
              <p className="muted" data-testid="contacts-none">
                {t("staleContacts.none")}
              </p>
            ) : (
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
                    {page.items.map((c) => (
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
                          {!c.staleSince && !c.failingSince && c.requestedAt ? (
                            <span className="badge badge-info">{t("staleContacts.awaitingBadge")}</span>
                          ) : null}
                        </td>
                        <td>{formatDate(c.lastConfirmedAt)}</td>
                        <td>{c.requestedAt ? t("staleContacts.askedOn", { asked: formatDate(c.requestedAt), due: formatInstant(c.staleAt) }) : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pager offset={offset} limit={PAGE} total={page.total} onChange={(o) => update({ offset: o })} />
          </>
        )}
      </Loaded>
    </>
  );
}
