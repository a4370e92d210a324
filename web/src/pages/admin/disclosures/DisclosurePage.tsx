import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { Notice } from "../../../components/ErrorAlert";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { Badge } from "../../../components/StatusBadge";
import { formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { AddCustomersForm, DecisionForm, DisclosedForm, EffortForm, GagChangeForm, LiftForm, NotifyForm, type OrderDetail } from "./DisclosureForms";

/** One disclosure order: its facts, decision, disclosure, gag order with the efforts against it, and its customers' duties and notices. */
export function DisclosurePage() {
  const { id = "" } = useParams();
  const [fresh, setFresh] = useState<OrderDetail>();
  const state = useApi(() => unwrap(api.GET("/api/v1/disclosure-orders/{id}", { params: { path: { id } } })), [id]);
  return <Loaded state={state}>{(loaded) => <OrderView order={fresh?.id === loaded.id ? fresh : loaded} onChange={setFresh} />}</Loaded>;
}

function OrderView({ order, onChange }: { order: OrderDetail; onChange: (o: OrderDetail) => void }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const unnotified = order.concerned.filter((c) => !c.notifiedAt).length;
  return (
    <>
      <PageHeader
        title={`${order.reference} · ${order.authority}`}
        badge={
          order.gagActive ? (
            <Badge tone="warning" testId="gag-active">
              {t("disclosures.gagActiveBadge")}
            </Badge>
          ) : undefined
        }
        actions={<Link to="/admin/disclosures">{t("disclosures.back")}</Link>}
      />
      {order.gagActive ? (
        <Notice tone="warning" testId="gag-help">
          {t("disclosures.gagActiveHelp")}
        </Notice>
      ) : null}
      <section className="card" data-testid="order-facts">
        <dl className="facts">
          <div>
            <dt>{t("disclosures.authorityKind")}</dt>
            <dd>{pick(order.authorityKindLabel.nl, order.authorityKindLabel.en)}</dd>
          </div>
          <div>
            <dt>{t("disclosures.legalBasis")}</dt>
            <dd>{order.legalBasis}</dd>
          </div>
          <div>
            <dt>{t("disclosures.receivedAt")}</dt>
            <dd>{formatInstant(order.receivedAt)}</dd>
          </div>
          <div>
            <dt>{t("disclosures.dataRequested")}</dt>
            <dd className="prewrap">{order.dataRequested}</dd>
          </div>
          <div>
            <dt>{t("disclosures.gag")}</dt>
            <dd data-testid="order-gag">
              {t(`disclosures.gags.${order.gag}`)}
              {order.gagUntil ? ` · ${formatInstant(order.gagUntil)}` : ""}
              {order.gagEndedAt ? ` · ${t("disclosures.gagEndedAt")} ${formatInstant(order.gagEndedAt)}` : ""}
            </dd>
          </div>
          <div>
            <dt>{t("disclosures.decision")}</dt>
            <dd data-testid="order-decision">
              {pick(order.decisionLabel.nl, order.decisionLabel.en)}
              {order.reasoning ? <span className="prewrap muted"> · {order.reasoning}</span> : null}
            </dd>
          </div>
          <div>
            <dt>{t("disclosures.disclosed.title")}</dt>
            <dd>
              {order.disclosedAt ? (
                <>
                  {formatInstant(order.disclosedAt)} · <span className="prewrap">{order.disclosedWhat}</span>
                </>
              ) : (
                <span className="muted">{t("disclosures.disclosed.none")}</span>
              )}
            </dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="concerned-heading">
        <h2 id="concerned-heading">{t("disclosures.concerned.title")}</h2>
        {order.concerned.length === 0 ? (
          <p className="muted">{t("disclosures.concerned.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="concerned-table">
              <thead>
                <tr>
                  <th scope="col">{t("disclosures.statements.customer")}</th>
                  <th scope="col">{t("disclosures.concerned.dueAt")}</th>
                  <th scope="col">{t("disclosures.concerned.notifiedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {order.concerned.map((c) => (
                  <tr key={c.controllerId} data-testid="concerned-row">
                    <td>
                      <Link to={`/admin/customers/${c.controllerId}`}>{c.customerName}</Link> <span className="muted small">{c.customerNumber}</span>
                    </td>
                    <td className="small nowrap" data-testid="concerned-due">
                      {c.dueAt ? formatInstant(c.dueAt) : <span className="muted">{t("disclosures.concerned.waiting")}</span>}
                    </td>
                    <td className="small nowrap" data-testid="concerned-notified">
                      {c.notifiedAt ? (
                        <>
                          {formatInstant(c.notifiedAt)}{" "}
                          {c.metInTime === null ? null : (
                            <Badge tone={c.metInTime ? "success" : "danger"}>
                              {c.metInTime ? t("disclosures.concerned.inTime") : t("disclosures.concerned.late")}
                            </Badge>
                          )}
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {order.concerned.length > 0 ? (
          order.gagActive ? (
            <p className="muted" data-testid="notify-blocked">
              {t("disclosures.notify.blocked")}
            </p>
          ) : unnotified === 0 ? (
            <p className="muted" data-testid="notify-done">
              {t("disclosures.notify.done")}
            </p>
          ) : (
            <NotifyForm order={order} onDone={onChange} />
          )
        ) : null}
        <AddCustomersForm order={order} onDone={onChange} />
      </section>

      <section className="card" aria-labelledby="decision-heading">
        <h2 id="decision-heading">{t("disclosures.decide.title")}</h2>
        <DecisionForm order={order} onDone={onChange} />
        {order.decision === "comply" || order.decision === "comply_in_part" ? <DisclosedForm order={order} onDone={onChange} /> : null}
      </section>

      {order.gag !== "none" ? (
        <section className="card" aria-labelledby="efforts-heading">
          <h2 id="efforts-heading">{t("disclosures.efforts.title")}</h2>
          <p className="muted small">{t("disclosures.efforts.intro")}</p>
          {order.efforts.length === 0 ? (
            <p className="muted">{t("disclosures.efforts.none")}</p>
          ) : (
            <ul className="plain" data-testid="efforts-list">
              {order.efforts.map((e) => (
                <li key={e.id}>
                  <strong>{formatInstant(e.at)}</strong> · <span className="prewrap">{e.action}</span> ·{" "}
                  <span data-testid="effort-result-text">{t(`disclosures.efforts.results.${e.result}`)}</span>
                  {e.note ? <span className="muted prewrap"> · {e.note}</span> : null}
                </li>
              ))}
            </ul>
          )}
          <EffortForm order={order} onDone={onChange} />
          {order.gagActive ? (
            <>
              <GagChangeForm order={order} onDone={onChange} />
              <LiftForm order={order} onDone={onChange} />
            </>
          ) : null}
        </section>
      ) : null}

      <TimelineSection order={order} />
    </>
  );
}

/** The order's evidence, oldest first: its own acts, and each customer's duty and notice. */
function TimelineSection({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t("disclosures.timeline.title")}</h2>
      <div className="table-wrap">
        <table className="table" data-testid="order-timeline">
          <thead>
            <tr>
              <th scope="col">{t("disclosures.timeline.at")}</th>
              <th scope="col">{t("disclosures.timeline.what")}</th>
              <th scope="col">{t("disclosures.timeline.who")}</th>
              <th scope="col">{t("disclosures.statements.customer")}</th>
            </tr>
          </thead>
          <tbody>
            {order.timeline.map((e) => (
              <tr key={e.hash} data-testid="timeline-row" data-type={e.type}>
                <td className="small nowrap">{formatInstant(e.at)}</td>
                <td>{pick(e.typeLabel.nl, e.typeLabel.en)}</td>
                <td className="small">{e.actor}</td>
                <td className="small">{e.customerName ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
