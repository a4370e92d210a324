import { useCallback, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { useAction, useApi } from "../../api/useApi";
import type { ResponseOf } from "../../api/types";
import { ErrorAlert, Notice } from "../../components/ErrorAlert";
import { TextField, validLocally } from "../../components/fields";
import { Loaded } from "../../components/Loaded";
import { PageHeader } from "../../components/PageHeader";
import { BarChart } from "../../components/charts/BarChart";
import { StackedBarChart } from "../../components/charts/StackedBarChart";
import { badgesChanged, useMarkSeenAction } from "../../lib/home-badges";
import { formatDate, formatInstant } from "../../lib/format";
import { formatRemaining } from "../../lib/time";
import { canStaffWrite, useMe } from "../../session";

type StaffHome = ResponseOf<"/api/v1/staff-home", "get">;
type BulkResult = ResponseOf<"/api/v1/agreements/countersign", "post">;

/** The back-office's first page: what needs the processor now, and two charts (GET /staff-home). */
export function StaffHomePage() {
  const { t } = useTranslation();
  const state = useApi(() => unwrap(api.GET("/api/v1/staff-home")), []);
  return (
    <>
      <PageHeader title={t("staffHome.title")} subtitle={t("staffHome.intro")} />
      <Loaded state={state}>
        {(home) => (
          <>
            {home.delivery.held > 0 ? (
              <div className="banner-held" role="alert" data-testid="held-banner">
                <Notice tone="warning">
                  <p>
                    {t("staffHome.heldBanner", { count: home.delivery.held, since: formatInstant(home.delivery.oldestHeldAt) })}{" "}
                    <Link to="/admin/outbox">{t("staffHome.heldLink")}</Link>
                  </p>
                </Notice>
              </div>
            ) : null}
            <CountersignSection home={home} onDone={state.reload} />
            <RemindSection home={home} />
            <DutiesSection home={home} />
            <UnreadSection home={home} onSeen={state.reload} />
            <BreachSection home={home} />
            <ContactsSection home={home} />
            <ChartsSection home={home} />
          </>
        )}
      </Loaded>
    </>
  );
}

function CountersignSection({ home, onDone }: { home: StaffHome; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const items = home.countersign.items;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [typedName, setTypedName] = useState(me.name);
  const [role, setRole] = useState(me.staffRole ? t(`roles.staff.${me.staffRole}`) : "");
  const [result, setResult] = useState<BulkResult>();
  const [noneSelected, setNoneSelected] = useState(false);
  const names = new Map(items.map((i) => [i.id, i.customerName]));
  const sign = useAction(() =>
    unwrap(api.POST("/api/v1/agreements/countersign", { body: { ids: [...selected], typedName: typedName.trim(), function: role.trim() } })),
  );
  const writer = canStaffWrite(me);
  const all = items.length > 0 && items.every((i) => selected.has(i.id));

  function toggle(id: string) {
    setNoneSelected(false);
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) {
        next.delete(id);
      } else {
        next.add(id);
      }
      return next;
    });
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fieldsOk = validLocally(event);
    if (selected.size === 0) {
      setNoneSelected(true);
      return;
    }
    if (!fieldsOk) {
      return;
    }
    const outcome = await sign.execute();
    if (outcome.ok) {
      setResult(outcome.value);
      setSelected(new Set());
      badgesChanged();
      onDone();
    }
  }

  const fields = sign.error?.fieldMessages() ?? {};
  return (
    <section className="card" aria-labelledby="countersign-heading" data-testid="home-countersign">
      <h2 id="countersign-heading">{t("staffHome.countersign.heading")}</h2>
      {result ? (
        <div role="status" data-testid="bulk-result">
          <Notice tone="success">
            <p>{t("staffHome.countersign.done", { count: result.countersigned })}</p>
          </Notice>
          <div className="table-wrap bulk-result">
            <table className="table table-compact">
              <caption className="sr-only">{t("staffHome.countersign.result")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("staffHome.countersign.customer")}</th>
                  <th scope="col">{t("staffHome.countersign.result")}</th>
                </tr>
              </thead>
              <tbody>
                {result.results.map((r) => (
                  <tr key={r.id} data-testid="bulk-result-row" data-outcome={r.outcome}>
                    <th scope="row">{r.customerName ?? names.get(r.id) ?? r.id}</th>
                    <td>
                      {t(`staffHome.countersign.outcome.${r.outcome}`)}
                      {r.outcome === "countersigned" ? null : ` — ${r.message}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      {items.length === 0 ? (
        <p className="muted" data-testid="countersign-none">
          {t("staffHome.countersign.none")}
        </p>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="countersign-heading">
          <p>{t("staffHome.countersign.intro", { count: home.countersign.total })}</p>
          <ErrorAlert error={sign.error} testId="bulk-error" />
          <div className="table-wrap">
            <table className="table" data-testid="countersign-list">
              <thead>
                <tr>
                  <th scope="col">
                    {writer ? (
                      <label>
                        <input
                          type="checkbox"
                          checked={all}
                          onChange={() => setSelected(all ? new Set() : new Set(items.map((i) => i.id)))}
                          data-testid="select-all"
                        />{" "}
                        {t("staffHome.countersign.selectAll")}
                      </label>
                    ) : null}
                  </th>
                  <th scope="col">{t("staffHome.countersign.customer")}</th>
                  <th scope="col">{t("staffHome.countersign.version")}</th>
                  <th scope="col">{t("staffHome.countersign.signedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id} data-agreement-id={item.id}>
                    <td>
                      {writer ? (
                        <input
                          type="checkbox"
                          checked={selected.has(item.id)}
                          onChange={() => toggle(item.id)}
                          aria-label={t("staffHome.countersign.select", { customer: item.customerName })}
                          data-testid="select-agreement"
                        />
                      ) : null}
                    </td>
                    <td>
                      <Link to={`/admin/agreements/${item.id}`}>{item.customerName}</Link> <span className="muted">{item.customerNumber}</span>
                    </td>
                    <td>{item.templateVersion}</td>
                    <td>{formatInstant(item.customerSignedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {writer ? (
            <>
              <p aria-live="polite" data-testid="selected-count">
                {t("staffHome.countersign.selected", { count: selected.size })}
              </p>
              {noneSelected ? (
                <p className="field-error" role="alert">
                  {t("staffHome.countersign.nothingSelected")}
                </p>
              ) : null}
              <div className="bulk-bar">
                <TextField
                  label={t("staffHome.countersign.name")}
                  value={typedName}
                  onChange={setTypedName}
                  required
                  error={fields.typedName}
                  testId="bulk-name"
                  maxLength={200}
                />
                <TextField
                  label={t("staffHome.countersign.function")}
                  value={role}
                  onChange={setRole}
                  required
                  error={fields.function}
                  testId="bulk-function"
                  maxLength={200}
                />
                <div className="form-actions">
                  <button type="submit" className="btn btn-primary" disabled={sign.busy} data-testid="bulk-countersign">
                    {t("staffHome.countersign.submit")}
                  </button>
                </div>
              </div>
            </>
          ) : null}
        </form>
      )}
    </section>
  );
}

function RemindSection({ home }: { home: StaffHome }) {
  const { t } = useTranslation();
  const me = useMe();
  const [asking, setAsking] = useState(false);
  const [queued, setQueued] = useState<number>();
  const remind = useAction(() => unwrap(api.POST("/api/v1/agreements/signing-reminders")));
  const { customers, oldestOfferedAt } = home.unsigned;
  async function confirm() {
    const outcome = await remind.execute();
    setAsking(false);
    if (outcome.ok) {
      setQueued(outcome.value.queued);
    }
  }
  return (
    <section className="card" aria-labelledby="remind-heading" data-testid="home-remind">
      <h2 id="remind-heading">{t("staffHome.remind.heading")}</h2>
      {customers === 0 ? (
        <p className="muted">{t("staffHome.remind.none")}</p>
      ) : (
        <>
          <p>{t("staffHome.remind.intro", { count: customers, since: formatDate(oldestOfferedAt) })}</p>
          <ErrorAlert error={remind.error} testId="remind-error" />
          {queued !== undefined ? (
            <p role="status" data-testid="remind-done">
              {t("staffHome.remind.done", { count: queued })}
            </p>
          ) : null}
          {canStaffWrite(me) ? (
            asking ? (
              <div role="group" aria-labelledby="remind-confirm">
                <p id="remind-confirm">{t("staffHome.remind.confirm")}</p>
                <div className="form-actions">
                  <button type="button" className="btn btn-primary" disabled={remind.busy} onClick={() => void confirm()} data-testid="remind-confirm">
                    {t("staffHome.remind.submit")}
                  </button>
                  <button type="button" className="btn" onClick={() => setAsking(false)}>
                    {t("common.cancel")}
                  </button>
                </div>
              </div>
            ) : (
              <button type="button" className="btn" onClick={() => setAsking(true)} data-testid="remind-all">
                {t("staffHome.remind.submit")}
              </button>
            )
          ) : null}
        </>
      )}
    </section>
  );
}

type Duty = StaffHome["duties"]["overdue"][number];

function DutyList({ duties, testId }: { duties: Duty[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <ul className="todo-list" data-testid={testId}>
      {duties.map((d) => (
        <li key={d.id}>
          <div className="todo-head">
            {d.overdue ? <span className="badge badge-danger">{t("staffHome.duties.overdue")}</span> : null}
            <Link className="todo-title" to={`/admin/obligations/${d.id}`}>
              {d.customerName ? `${d.customerName}: ${d.title}` : d.title}
            </Link>
          </div>
          <p className="todo-due">
            {d.dueLocal} — {formatRemaining(d.remainingMs, t)}
          </p>
        </li>
      ))}
    </ul>
  );
}

function DutiesSection({ home }: { home: StaffHome }) {
  const { t } = useTranslation();
  const { overdue, dueSoon, dueSoonDays } = home.duties;
  return (
    <section className="card" aria-labelledby="duties-heading" data-testid="home-duties">
      <h2 id="duties-heading">{t("staffHome.duties.heading")}</h2>
      {overdue.length === 0 && dueSoon.length === 0 ? <p className="muted">{t("staffHome.duties.none", { days: dueSoonDays })}</p> : null}
      {overdue.length > 0 ? (
        <>
          <h3>{t("staffHome.duties.overdue")}</h3>
          <DutyList duties={overdue} testId="duties-overdue" />
        </>
      ) : null}
      {dueSoon.length > 0 ? (
        <>
          <h3>{t("staffHome.duties.dueSoon", { days: dueSoonDays })}</h3>
          <DutyList duties={dueSoon} testId="duties-soon" />
        </>
      ) : null}
      <p>
        <Link to="/admin/obligations">{t("staffHome.duties.all")}</Link>
      </p>
    </section>
  );
}

function UnreadSection({ home, onSeen }: { home: StaffHome; onSeen: () => void }) {
  const { t } = useTranslation();
  const markSeen = useMarkSeenAction(useCallback(() => onSeen(), [onSeen]));
  const { objections, messages } = home.unread;
  return (
    <section className="card" aria-labelledby="unread-heading" data-testid="home-unread">
      <h2 id="unread-heading">{t("staffHome.objections.heading")}</h2>
      {objections === 0 && messages === 0 ? (
        <p className="muted">{t("staffHome.objections.none")}</p>
      ) : (
        <>
          <p>
            {t("staffHome.objections.objections", { count: objections })} · {t("staffHome.objections.messages", { count: messages })}
          </p>
          <ul className="todo-list">
            {home.newObjections.map((o) => (
              <li key={o.id}>
                <Link to={`/admin/subprocessors/changes/${o.changeId}`}>
                  {t("staffHome.objections.objectionItem", { customer: o.customerName, subprocessor: o.subprocessorName })}
                </Link>{" "}
                <span className="muted">{formatInstant(o.submittedAt)}</span>
              </li>
            ))}
            {home.newMessages.map((m) => (
              <li key={m.id}>
                <Link to={`/admin/subprocessors/changes/${m.changeId}`}>
                  {t("staffHome.objections.messageItem", { author: m.authorName, customer: m.customerName })}
                </Link>{" "}
                <span className="muted">{formatInstant(m.createdAt)}</span>
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-small" onClick={() => void markSeen(["objections", "messages"])} data-testid="mark-seen">
            {t("staffHome.objections.markSeen")}
          </button>
        </>
      )}
    </section>
  );
}

function BreachSection({ home }: { home: StaffHome }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="breach-heading" data-testid="home-breaches">
      <h2 id="breach-heading">{t("staffHome.breaches.heading")}</h2>
      {home.breachUnnotified.length === 0 ? (
        <p className="muted">{t("staffHome.breaches.none")}</p>
      ) : (
        <ul className="todo-list">
          {home.breachUnnotified.map((u) => (
            <li key={`${u.incidentId}-${u.controllerId}`}>
              <div className="todo-head">
                {u.overdue ? <span className="badge badge-danger">{t("staffHome.duties.overdue")}</span> : null}
                <Link className="todo-title" to={`/admin/incidents/${u.incidentId}`}>
                  {u.incidentReference} {u.incidentTitle}: {u.customerName}
                </Link>
              </div>
              {u.dueLocal ? <p className="todo-due">{t("home.due", { due: u.dueLocal })}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ContactsSection({ home }: { home: StaffHome }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="contacts-heading" data-testid="home-contacts">
      <h2 id="contacts-heading">{t("staffHome.contacts.heading")}</h2>
      {home.failingContacts.length === 0 ? (
        <p className="muted">{t("staffHome.contacts.none")}</p>
      ) : (
        <ul className="todo-list">
          {home.failingContacts.map((c) => (
            <li key={c.controllerId}>
              <Link to={`/admin/customers/${c.controllerId}`}>{c.customerName}</Link> — {c.email}{" "}
              <span className="muted">{t("staffHome.contacts.since", { since: formatInstant(c.failingSince) })}</span>
              {c.reason ? <p className="muted">{c.reason}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {home.delivery.failed > 0 ? (
        <p>
          <Link to="/admin/outbox">{t("staffHome.contacts.failedDeliveries", { count: home.delivery.failed })}</Link>
        </p>
      ) : null}
      {home.staleContacts > 0 ? (
        <p data-testid="home-stale-contacts">
          {t("staleContacts.homeCount", { count: home.staleContacts })} <Link to="/admin/contacts?state=stale">{t("staleContacts.homeLink")}</Link>
        </p>
      ) : null}
    </section>
  );
}

function ChartsSection({ home }: { home: StaffHome }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en-GB" : "nl-NL";
  const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const month = (period: string) => new Date(`${period}-15T12:00:00Z`).toLocaleDateString(locale, { month: "short", year: "2-digit", timeZone: "UTC" });
  const week = (start: string) => new Date(`${start}T12:00:00Z`).toLocaleDateString(locale, { day: "numeric", month: "short", timeZone: "UTC" });
  return (
    <section className="card" aria-labelledby="charts-heading" data-testid="home-charts">
      <h2 id="charts-heading">{t("staffHome.charts.heading")}</h2>
      <div className="charts-grid">
        <BarChart
          testId="chart-signed"
          title={t("staffHome.charts.signedTitle")}
          description={t("staffHome.charts.signedDesc")}
          max={100}
          labelHeader={t("staffHome.charts.month")}
          valueHeader={t("staffHome.charts.percent")}
          extraHeaders={[t("staffHome.charts.customers"), t("staffHome.charts.signed")]}
          bars={home.charts.signedOverTime.map((p) => ({
            label: month(p.period),
            value: p.percent,
            valueText: `${percent.format(p.percent)} %`,
            extra: [String(p.customers), String(p.signed)],
          }))}
        />
        <StackedBarChart
          testId="chart-deadlines"
          title={t("staffHome.charts.deadlinesTitle")}
          description={t("staffHome.charts.deadlinesDesc")}
          labelHeader={t("staffHome.charts.week")}
          series={[
            { key: "inTime", label: t("staffHome.charts.inTime") },
            { key: "late", label: t("staffHome.charts.late") },
            { key: "missed", label: t("staffHome.charts.missed") },
            { key: "pending", label: t("staffHome.charts.pending") },
          ]}
          rows={home.charts.deadlinesPerWeek.map((w) => ({
            label: week(w.weekStart),
            values: { inTime: w.inTime, late: w.late, missed: w.missed, pending: w.pending },
          }))}
        />
      </div>
    </section>
  );
}
