import { Fragment, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useCursorPages } from "../../../api/pages";
import { useAction, useApi } from "../../../api/useApi";
import type { AffectedCustomer, Incident } from "../../../api/types";
import { InTimeBadge } from "../../../components/breaches/badges";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { Loaded } from "../../../components/Loaded";
import { KeysetPager } from "../../../components/KeysetPager";
import { Badge } from "../../../components/StatusBadge";
import { formatInstant, formatInstantWithDay } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { CustomerFactsEditor } from "./CustomerFactsEditor";
import { ProposalPanel } from "./ProposalPanel";
import { Because } from "./Because";

const PAGE = 100;

/**
 * Who is affected (art. 6.1): Art28's proposal from the incident's services and sub-processors,
 * the officer's list with each customer's own 48-hour deadline, whether its notice is complete, and
 * for each notice sent: delivered, read, acknowledged, in time.
 */
export function AffectedSection({ incident, writer, version, onChanged }: { incident: Incident; writer: boolean; version: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const pages = useCursorPages(`${incident.id}/${q}`);
  const state = useApi(
    () =>
      unwrap(
        api.GET("/api/v1/incidents/{id}/customers", {
          params: { path: { id: incident.id }, query: { limit: PAGE, ...(pages.after ? { after: pages.after } : {}), ...(q ? { q } : {}) } },
        }),
      ),
    [incident.id, q, pages.after, version],
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    setQ(search.trim());
  }
  return (
    <section className="card" aria-labelledby="affected-heading">
      <h2 id="affected-heading">{t("incidents.affectedTitle", { count: incident.affected })}</h2>
      <p className="hint">{t("incidents.affectedIntro")}</p>
      {writer ? <ProposalPanel incident={incident} version={version} onAdded={onChanged} /> : null}
      <h3>{t("incidents.affectedList")}</h3>
      <form noValidate className="filters" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="affected-search">{t("incidents.affectedSearch")}</label>
          <input id="affected-search" type="search" value={search} maxLength={200} onChange={(e) => setSearch(e.target.value)} data-testid="affected-search" />
        </div>
        <button type="submit" className="btn">
          {t("common.search")}
        </button>
      </form>
      <Loaded state={state}>
        {(page) =>
          page.customers.length === 0 ? (
            <p className="muted" data-testid="affected-empty">
              {q ? t("incidents.affectedNoneFound") : t("incidents.affectedNone")}
            </p>
          ) : (
            <>
              <AffectedTable incident={incident} customers={page.customers} writer={writer} onChanged={onChanged} />
              <KeysetPager pages={pages} limit={PAGE} shown={page.customers.length} next={page.next} total={page.total} />
            </>
          )
        }
      </Loaded>
    </section>
  );
}

function AffectedTable({
  incident,
  customers,
  writer,
  onChanged,
}: {
  incident: Incident;
  customers: readonly AffectedCustomer[];
  writer: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const remove = useAction((controllerId: string) =>
    unwrap(api.DELETE("/api/v1/incidents/{id}/customers/{controllerId}", { params: { path: { id: incident.id, controllerId } } })),
  );
  return (
    <>
      <ErrorAlert error={remove.error} />
      <div className="table-wrap">
        <table className="table table-compact" data-testid="affected-table">
          <thead>
            <tr>
              <th scope="col">{t("incidents.customer")}</th>
              <th scope="col">{t("incidents.because")}</th>
              <th scope="col">{t("incidents.customerDeadline")}</th>
              <th scope="col">{t("incidents.noticeComplete")}</th>
              <th scope="col">{t("incidents.delivery")}</th>
              <th scope="col">{t("incidents.inTime")}</th>
              {writer ? (
                <th scope="col" className="actions">
                  {t("common.actions")}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {customers.map((c) => (
              <Fragment key={c.controllerId}>
                <tr
                  className={c.overdue ? "overdue" : undefined}
                  data-testid="affected-row"
                  data-customer={c.name}
                  data-complete={c.check.complete ? "true" : "false"}
                  data-sent={c.notifiedAt ? "true" : "false"}
                  data-delivered={c.deliveredAt ? "true" : "false"}
                  data-read={c.openedAt ? "true" : "false"}
                  data-acknowledged={c.acknowledgedAt ? "true" : "false"}
                  data-in-time={c.sentInTime === null ? "" : c.sentInTime ? "true" : "false"}
                  data-overdue={c.overdue ? "true" : "false"}
                >
                  <td className="cell-customer">
                    <Link to={`/admin/customers/${c.controllerId}`}>{c.name}</Link>
                    <div className="muted small">{c.customerNumber}</div>
                    {c.source === "manual" ? (
                      <div>
                        <Badge tone="neutral">{t("incidents.manual")}</Badge>
                      </div>
                    ) : null}
                  </td>
                  <td className="small">
                    <Because services={c.services} subprocessors={c.subprocessors} />
                  </td>
                  <td className="small cell-due">
                    <DueCell customer={c} />
                  </td>
                  <td className="small">
                    <CheckCell customer={c} />
                  </td>
                  <td className="small">
                    <DeliveryCell customer={c} />
                  </td>
                  <td>
                    <InTimeBadge inTime={c.sentInTime} testId="affected-in-time" />
                  </td>
                  {writer ? (
                    <td className="actions">
                      <div className="actions-stack">
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-expanded={open === c.controllerId}
                          onClick={() => setOpen(open === c.controllerId ? null : c.controllerId)}
                          data-testid="affected-facts-open"
                        >
                          {t("incidents.ownFacts")}
                          {Object.keys(c.ownFacts).length > 0 ? ` (${Object.keys(c.ownFacts).length})` : ""}
                        </button>
                        {c.notifiedAt ? null : (
                          <button
                            type="button"
                            className="btn btn-small btn-danger"
                            disabled={remove.busy}
                            data-testid="affected-remove"
                            onClick={() => {
                              if (window.confirm(t("incidents.confirmRemove", { name: c.name }))) {
                                void remove.execute(c.controllerId).then((r) => r.ok && onChanged());
                              }
                            }}
                          >
                            {t("incidents.remove")}
                          </button>
                        )}
                      </div>
                    </td>
                  ) : null}
                </tr>
                {open === c.controllerId ? (
                  <tr className="inline-detail">
                    <td colSpan={writer ? 7 : 6}>
                      <CustomerFactsEditor
                        incident={incident}
                        customer={c}
                        onSaved={() => {
                          setOpen(null);
                          onChanged();
                        }}
                        onCancel={() => setOpen(null)}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The first notice's way: sent, delivered (email or webhook accepted), read, acknowledged. */
function DeliveryCell({ customer: c }: { customer: AffectedCustomer }) {
  const { t } = useTranslation();
  // "Sent" would be untrue of a notice whose email is held (no SMTP): the first step is its place in
  // the customer's portal, the second says "held, not sent" until a mail server or webhook took it.
  const steps = [
    ["sent", c.notifiedAt, t("deliveries.issued")],
    ["delivered", c.deliveredAt, t("incidents.delivered")],
    ["read", c.openedAt, t("incidents.read")],
    ["acknowledged", c.acknowledgedAt, t("incidents.acknowledged")],
  ] as const;
  return (
    <>
      <dl className="status-list">
        {steps.map(([step, iso, label]) => (
          <div key={step} className={iso ? "status-done" : "status-open"}>
            <dt>{label}</dt>
            <dd className="nowrap" data-testid={`affected-${step}`} data-held={step === "delivered" && c.held ? "true" : undefined}>
              {iso ? (
                formatInstant(iso)
              ) : step === "delivered" && c.held ? (
                <span title={t("deliveries.heldShort")}>{t("deliveries.statuses.held")}</span>
              ) : (
                t("incidents.notYet")
              )}
            </dd>
          </div>
        ))}
      </dl>
      {c.notices.length > 1 ? <div className="muted">{t("incidents.rounds", { count: c.notices.length })}</div> : null}
    </>
  );
}

function DueCell({ customer: c }: { customer: AffectedCustomer }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <>
      <span className={c.overdue ? "overdue-text" : undefined} data-testid="affected-due">
        {formatInstantWithDay(c.dueAt, lang)}
      </span>
      <div className="muted">
        {c.templateVersion === null
          ? t("incidents.clockDefault", { hours: c.clockHours })
          : t("incidents.clockOf", { hours: c.clockHours, version: c.templateVersion })}
      </div>
      {c.overdue ? <Badge tone="danger">{t("incidents.customerOverdue")}</Badge> : null}
    </>
  );
}

/** Complete, or what is missing or wrong (the server's one check, per customer). */
function CheckCell({ customer: c }: { customer: AffectedCustomer }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  if (c.check.complete) {
    return (
      <span data-testid="affected-complete">
        <Badge tone="success">✓ {t("incidents.complete")}</Badge>
        {c.check.unknown.length > 0 ? <div className="muted">{t("incidents.unknownCount", { count: c.check.unknown.length })}</div> : null}
      </span>
    );
  }
  return (
    <div data-testid="affected-missing">
      <Badge tone="warning">{t("incidents.incomplete")}</Badge>
      {c.check.missing.length > 0 ? (
        <p className="tight">
          {t("incidents.missingFacts", { count: c.check.missing.length })} {c.check.missing.map((m) => t(`breaches.factsShort.${m.key}`)).join(", ")}
        </p>
      ) : null}
      {c.check.invalid.length > 0 ? (
        <ul className="compact-list">
          {c.check.invalid.map((i) => (
            <li key={`${i.key}-${i.field ?? ""}`}>
              {t(`breaches.factsShort.${i.key}`)}: {i.message[lang]}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
