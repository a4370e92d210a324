import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useCursorPages } from "../../../api/pages";
import { useAction, useApi } from "../../../api/useApi";
import { SearchForm } from "../../../components/SearchForm";
import { KeysetPager } from "../../../components/KeysetPager";
import type { Incident } from "../../../api/types";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { Loaded } from "../../../components/Loaded";
import { Because } from "./Because";

const PAGE = 50;

/**
 * Art28's proposal: the customers taking the incident's services, or services using its
 * sub-processors, those not on the list yet a page at a time. The officer adds them all or one by
 * one, and can add any other customer by hand.
 */
export function ProposalPanel({ incident, version, onAdded }: { incident: Incident; version: number; onAdded: () => void }) {
  const { t } = useTranslation();
  const pages = useCursorPages(`${incident.id}/${version}`);
  const state = useApi(
    () =>
      unwrap(
        api.GET("/api/v1/incidents/{id}/proposal", {
          params: { path: { id: incident.id }, query: { waiting: true, limit: PAGE, ...(pages.after ? { after: pages.after } : {}) } },
        }),
      ),
    [incident.id, version, pages.after],
  );
  const add = useAction((body: { fromProposal: true } | { controllerIds: string[] }) =>
    unwrap(api.POST("/api/v1/incidents/{id}/customers", { params: { path: { id: incident.id } }, body })),
  );
  const [added, setAdded] = useState<number | null>(null);
  const run = (body: { fromProposal: true } | { controllerIds: string[] }) =>
    void add.execute(body).then((r) => {
      if (r.ok) {
        setAdded(r.value.added);
        onAdded();
      }
    });
  const untargeted = incident.services.length === 0 && incident.subprocessors.length === 0;
  return (
    <div className="proposal" data-testid="proposal">
      <h3>{t("incidents.proposal.title")}</h3>
      {added !== null ? (
        <Notice tone="success" testId="proposal-added">
          {t("incidents.proposal.added", { count: added })}
        </Notice>
      ) : null}
      <ErrorAlert error={add.error} />
      {untargeted ? <p className="muted">{t("incidents.proposal.untargeted")}</p> : null}
      <Loaded state={state}>
        {(proposal) => {
          const waiting = proposal.customers;
          return untargeted ? null : (
            <>
              <p data-testid="proposal-total">
                {proposal.total === 0
                  ? t("incidents.proposal.empty")
                  : proposal.waiting === 0
                    ? t("incidents.proposal.allAdded", { count: proposal.total })
                    : t("incidents.proposal.summary", { count: proposal.total, waiting: proposal.waiting })}
              </p>
              {proposal.waiting > 0 ? (
                <>
                  <p>
                    <button
                      type="button"
                      className="btn btn-primary"
                      disabled={add.busy}
                      onClick={() => run({ fromProposal: true })}
                      data-testid="proposal-add-all"
                    >
                      {t("incidents.proposal.addAll", { count: proposal.waiting })}
                    </button>
                  </p>
                  <div className="table-wrap scroll-box">
                    <table className="table table-compact">
                      <thead>
                        <tr>
                          <th scope="col">{t("incidents.customer")}</th>
                          <th scope="col">{t("incidents.because")}</th>
                          <th scope="col" className="actions">
                            <span className="sr-only">{t("common.actions")}</span>
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {waiting.map((c) => (
                          <tr key={c.controllerId} data-testid="proposal-row" data-customer={c.name}>
                            <td>
                              {c.name} <span className="muted small">{c.customerNumber}</span>
                            </td>
                            <td className="small">
                              <Because services={c.services} subprocessors={c.subprocessors} />
                            </td>
                            <td className="actions">
                              <button
                                type="button"
                                className="btn btn-small"
                                disabled={add.busy}
                                onClick={() => run({ controllerIds: [c.controllerId] })}
                                data-testid="proposal-add"
                              >
                                {t("incidents.proposal.add")}
                              </button>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  <KeysetPager pages={pages} limit={PAGE} shown={waiting.length} next={proposal.next} total={proposal.waiting} />
                </>
              ) : null}
            </>
          );
        }}
      </Loaded>
      <OtherCustomer busy={add.busy} onAdd={(id) => run({ controllerIds: [id] })} />
    </div>
  );
}

/** Any other customer, found by name or number. */
function OtherCustomer({ busy, onAdd }: { busy: boolean; onAdd: (controllerId: string) => void }) {
  const { t } = useTranslation();
  const [applied, setApplied] = useState("");
  const state = useApi(
    () => (applied ? unwrap(api.GET("/api/v1/controllers", { params: { query: { search: applied, offset: 0, limit: 10 } } })) : Promise.resolve(null)),
    [applied],
  );
  return (
    <details className="other-customer">
      <summary>{t("incidents.proposal.other")}</summary>
      <SearchForm id="other-customer" label={t("incidents.proposal.otherSearch")} applied={applied} onSearch={setApplied} testId="other-customer-search" />
      {state.data ? (
        state.data.items.length === 0 ? (
          <p className="muted">{t("incidents.proposal.otherNone")}</p>
        ) : (
          <ul className="plain">
            {state.data.items.map((c) => (
              <li key={c.id} className="other-row">
                {c.name} <span className="muted small">{c.customerNumber}</span>{" "}
                <button type="button" className="btn btn-small" disabled={busy} onClick={() => onAdd(c.id)} data-testid="other-customer-add">
                  {t("incidents.proposal.add")}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </details>
  );
}
