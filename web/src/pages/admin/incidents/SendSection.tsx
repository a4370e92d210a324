import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import type { ApiError } from "../../../api/errors";
import type { Incident, SendResult } from "../../../api/types";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { TextAreaField, validLocally } from "../../../components/fields";
import { parseNoticeField } from "../../../lib/breach-facts";

/**
 * Sending a round (art. 6.1, GDPR 33(4)): a first notice to each customer not yet told, a follow-up
 * saying what changed to the others. All or nothing: if one notice is incomplete, nothing goes and
 * the error names each customer and fact. Closing the incident sends everyone told a final notice.
 */
export function SendSection({
  incident,
  writer,
  dirty,
  onChanged,
}: {
  incident: Incident;
  writer: boolean;
  dirty: boolean;
  onChanged: (next?: Incident) => void;
}) {
  const { t } = useTranslation();
  if (!writer) {
    return incident.status === "closed" ? (
      <section className="card" aria-labelledby="send-heading">
        <h2 id="send-heading">{t("incidents.send.title")}</h2>
        <Notice tone="info" testId="incident-closed">
          {t("incidents.send.closedNote")}
        </Notice>
      </section>
    ) : null;
  }
  return (
    <section className="card card-send" aria-labelledby="send-heading">
      <h2 id="send-heading">{t("incidents.send.title")}</h2>
      <div className="actions-grid">
        <SendForm incident={incident} dirty={dirty} onSent={() => onChanged()} />
        <CloseForm incident={incident} onClosed={(next) => onChanged(next)} />
      </div>
    </section>
  );
}

function SendForm({ incident, dirty, onSent }: { incident: Incident; dirty: boolean; onSent: () => void }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState("");
  const [result, setResult] = useState<SendResult | null>(null);
  const send = useAction(() =>
    unwrap(api.POST("/api/v1/incidents/{id}/notices", { params: { path: { id: incident.id } }, body: { message: message.trim() || null } })),
  );
  const blocked = incident.decision !== "notify" || incident.affected === 0;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    setResult(null);
    const waiting = incident.affected - incident.notified;
    if (!window.confirm(t("incidents.send.confirm", { count: incident.affected, waiting, followUps: incident.notified }))) {
      return;
    }
    const outcome = await send.execute();
    if (outcome.ok) {
      setResult(outcome.value);
      setMessage("");
      onSent();
    }
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <h3>{incident.notified > 0 ? t("incidents.send.followUpHeading") : t("incidents.send.firstHeading")}</h3>
      <p className="hint">{incident.notified > 0 ? t("incidents.send.followUpHint") : t("incidents.send.firstHint")}</p>
      {incident.decision === "pending" ? <Notice tone="warning">{t("incidents.send.assessFirst")}</Notice> : null}
      {incident.decision === "no_notify" ? <Notice tone="info">{t("incidents.send.noNotify")}</Notice> : null}
      {incident.decision === "notify" && incident.affected === 0 ? <Notice tone="warning">{t("incidents.send.noCustomers")}</Notice> : null}
      <TextAreaField
        label={t("incidents.send.message")}
        hint={t("incidents.send.messageHint")}
        value={message}
        onChange={setMessage}
        rows={3}
        testId="send-message"
      />
      {dirty ? (
        <Notice tone="warning" testId="send-unsaved">
          {t("incidents.send.unsaved")}
        </Notice>
      ) : null}
      {send.error ? <SendError error={send.error} /> : null}
      {result ? (
        <Notice tone="success" testId="send-result">
          {result.sent === 0
            ? t("incidents.send.nothingSent", { unchanged: result.unchanged })
            : t("incidents.send.sent", { count: result.sent, initial: result.initial, followUp: result.followUp, unchanged: result.unchanged })}
        </Notice>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={send.busy || blocked || dirty} data-testid="send-notices">
          {t("incidents.send.button", { count: incident.affected })}
        </button>
      </div>
    </form>
  );
}

/** The server's refusal, with each customer's missing or invalid facts in words. */
function SendError({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const rows = error.fields.map((f) => ({ ...f, parsed: parseNoticeField(f.field) }));
  return (
    <div className="alert alert-error" role="alert" data-testid="send-error">
      <p>{error.message}</p>
      {rows.length > 0 ? (
        <ul className="compact-list" data-testid="send-error-fields">
          {rows.map(({ field, message, parsed }) => (
            <li key={field} data-field={field}>
              {parsed ? (
                <>
                  <strong>{parsed.customerNumber}</strong>: {parsed.key ? t(`breaches.factsShort.${parsed.key}`) : field}
                  {parsed.part ? ` (${parsed.part})` : ""} — {message}
                </>
              ) : (
                `${field}: ${message}`
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {error.requestId ? <p className="muted small">{t("errors.requestId", { id: error.requestId })}</p> : null}
    </div>
  );
}

function CloseForm({ incident, onClosed }: { incident: Incident; onClosed: (next: Incident) => void }) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState("");
  const close = useAction(() => unwrap(api.POST("/api/v1/incidents/{id}/close", { params: { path: { id: incident.id } }, body: { summary: summary.trim() } })));
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    if (!window.confirm(t("incidents.close.confirm", { count: incident.notified }))) {
      return;
    }
    const result = await close.execute();
    if (result.ok) {
      onClosed(result.value);
    }
  }
  const fieldError = close.error?.fieldMessages().summary;
  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <h3>{t("incidents.close.heading")}</h3>
      <p className="hint">{incident.notified > 0 ? t("incidents.close.hint", { count: incident.notified }) : t("incidents.close.hintNone")}</p>
      <ErrorAlert error={close.error && !fieldError ? close.error : undefined} testId="close-error" />
      <TextAreaField label={t("incidents.close.summary")} value={summary} onChange={setSummary} rows={3} required error={fieldError} testId="close-summary" />
      <button type="submit" className="btn btn-danger" disabled={close.busy || summary.trim() === ""} data-testid="close-incident">
        {t("incidents.close.button")}
      </button>
    </form>
  );
}
