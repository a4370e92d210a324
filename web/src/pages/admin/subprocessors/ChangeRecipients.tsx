import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { usePagedList } from "../../../api/pages";
import { SearchForm } from "../../../components/SearchForm";
import { PagedList } from "../../../components/PagedList";
import { Badge } from "../../../components/StatusBadge";
import { ObjectionStatusBadge } from "../../../components/subprocessors/badges";
import { formatInstant } from "../../../lib/format";

const PAGE = 100;

/** Every customer the change was announced to: delivered, read, acknowledged, objected, and its window end. */
export function ChangeRecipients({ changeId }: { changeId: string }) {
  const { t } = useTranslation();
  const [applied, setApplied] = useState("");
  const [onlyObjected, setOnlyObjected] = useState(false);
  const { pages, state } = usePagedList([changeId, applied, onlyObjected], (page) =>
    unwrap(
      api.GET("/api/v1/subprocessor-changes/{id}/recipients", {
        params: {
          path: { id: changeId },
          query: { offset: 0, limit: PAGE, ...page, ...(applied ? { search: applied } : {}), ...(onlyObjected ? { objected: true } : {}) },
        },
      }),
    ),
  );

  const when = (iso: string | null) => (iso ? <span className="small">{formatInstant(iso)}</span> : <span className="muted">{t("changes.notYet")}</span>);
  return (
    <section className="card" aria-labelledby="recipients-heading">
      <h2 id="recipients-heading">{t("changes.recipients")}</h2>
      <p className="hint">{t("changes.recipientsIntro")}</p>
      <SearchForm id="recipient-search" label={t("changes.recipientSearch")} applied={applied} onSearch={setApplied} testId="recipients-search">
        <label className="checkbox-inline">
          <input type="checkbox" checked={onlyObjected} onChange={(e) => setOnlyObjected(e.target.checked)} data-testid="recipients-objected" />
          {t("changes.onlyObjected")}
        </label>
      </SearchForm>
      <PagedList state={state} pages={pages} limit={PAGE} empty={t("changes.recipientsNone")}>
        {(items) => (
          <div className="table-wrap">
            <table className="table table-compact" data-testid="change-recipients">
              <thead>
                <tr>
                  <th scope="col">{t("changes.customer")}</th>
                  <th scope="col">{t("changes.delivered")}</th>
                  <th scope="col">{t("changes.read")}</th>
                  <th scope="col">{t("changes.acknowledged")}</th>
                  <th scope="col">{t("changes.objected")}</th>
                  <th scope="col">{t("changes.windowEnds")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr
                    key={r.controllerId}
                    data-testid="recipient-row"
                    data-customer={r.name}
                    data-delivered={r.delivered ? "true" : "false"}
                    data-read={r.readAt ? "true" : "false"}
                    data-acknowledged={r.acknowledgedAt ? "true" : "false"}
                    data-objection={r.objection?.status ?? "none"}
                  >
                    <td>
                      <Link to={`/admin/customers/${r.controllerId}`}>{r.name}</Link> <span className="muted small">{r.customerNumber}</span>
                    </td>
                    <td>
                      {r.delivered ? (
                        <Badge tone="success">{t("changes.yes")}</Badge>
                      ) : r.held ? (
                        <span title={t("deliveries.heldShort")} data-testid="recipient-held">
                          <Badge tone="warning">{t("deliveries.statuses.held")}</Badge>
                        </span>
                      ) : (
                        <Badge tone="warning">{t("changes.no")}</Badge>
                      )}
                    </td>
                    <td>{when(r.readAt)}</td>
                    <td>{when(r.acknowledgedAt)}</td>
                    <td>{r.objection ? <ObjectionStatusBadge status={r.objection.status} /> : <span className="muted">—</span>}</td>
                    <td className="nowrap small">{formatInstant(r.windowEndsAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </PagedList>
    </section>
  );
}
