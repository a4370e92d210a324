import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, multipart, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import type { CaseDetail } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { CheckboxField, SelectField, TextAreaField, TextField, validLocally } from "../../../components/fields";
import { instantToLocal } from "../../../lib/zoned";
import { parseEuros } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";

const AMOUNT = "^\\s*€?\\s*\\d+([.,]\\d{1,2})?\\s*$";

/** An amount in euros as people type it ("120", "€ 12,50"), required. */
function AmountField(props: { label: string; value: string; onChange: (value: string) => void; error: string | undefined; testId: string }) {
  return <TextField {...props} required inputMode="decimal" pattern={AMOUNT} />;
}

/** Staff answer a request with an estimate: hours × hourly rate, or a fixed price (art. 2.4). */
export function EstimateForm({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<"hourly" | "fixed">("hourly");
  const [hours, setHours] = useState("");
  const [rate, setRate] = useState("");
  const [amount, setAmount] = useState("");
  const [description, setDescription] = useState("");
  const send = useAction(() =>
    unwrap(
      api.POST("/api/v1/cases/{id}/estimates", {
        params: { path: { id: detail.id } },
        body:
          method === "hourly"
            ? { method, hoursHundredths: Math.round(Number(hours.replace(",", ".")) * 100), hourlyRateCents: parseEuros(rate) ?? 0, description }
            : { method, fixedCents: parseEuros(amount) ?? 0, description },
      }),
    ),
  );
  const fields = send.error?.fieldMessages() ?? {};
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await send.execute();
    if (result.ok) {
      onDone(result.value);
    }
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="estimate-form" aria-label={t("cases.estimate.propose")}>
      <h3>{t("cases.estimate.propose")}</h3>
      <ErrorAlert error={send.error && Object.keys(fields).length === 0 ? send.error : undefined} />
      <SelectField
        label={t("cases.estimate.method")}
        value={method}
        onChange={setMethod}
        options={(["hourly", "fixed"] as const).map((m) => ({ value: m, label: t(`cases.estimate.methods.${m}`) }))}
        testId="estimate-method"
      />
      {method === "hourly" ? (
        <>
          <TextField
            label={t("cases.estimate.hours")}
            value={hours}
            onChange={setHours}
            required
            inputMode="decimal"
            pattern="^\s*\d+([.,]\d{1,2})?\s*$"
            error={fields.hoursHundredths}
            testId="estimate-hours"
          />
          <AmountField label={t("cases.estimate.rate")} value={rate} onChange={setRate} error={fields.hourlyRateCents} testId="estimate-rate" />
        </>
      ) : (
        <AmountField label={t("cases.estimate.amount")} value={amount} onChange={setAmount} error={fields.fixedCents} testId="estimate-amount" />
      )}
      <TextAreaField
        label={t("cases.estimate.description")}
        value={description}
        onChange={setDescription}
        required
        rows={3}
        error={fields.description}
        testId="estimate-description"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={send.busy} data-testid="estimate-send">
          {t("cases.estimate.send")}
        </button>
      </div>
    </form>
  );
}

/** Staff log time (minutes × hourly rate) or a cost; billable only after the customer accepted the estimate. */
export function EntryForm({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const { t } = useTranslation();
  const [type, setType] = useState<"time" | "cost">("time");
  const [description, setDescription] = useState("");
  const [workDate, setWorkDate] = useState(instantToLocal(new Date().toISOString()).slice(0, 10));
  const [minutes, setMinutes] = useState("");
  const [rate, setRate] = useState("");
  const [amount, setAmount] = useState("");
  const [billable, setBillable] = useState(detail.status === "accepted");
  const send = useAction(() =>
    unwrap(
      api.POST("/api/v1/cases/{id}/entries", {
        params: { path: { id: detail.id } },
        body:
          type === "time"
            ? { type, description, workDate, minutes: Number(minutes), rateCents: parseEuros(rate) ?? 0, billable }
            : { type, description, workDate, amountCents: parseEuros(amount) ?? 0, billable },
      }),
    ),
  );
  const fields = send.error?.fieldMessages() ?? {};
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await send.execute();
    if (result.ok) {
      setDescription("");
      setMinutes("");
      setAmount("");
      onDone(result.value);
    }
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="entry-form" aria-label={t("cases.entries.log")}>
      <ErrorAlert error={send.error && Object.keys(fields).length === 0 ? send.error : undefined} />
      <SelectField
        label={t("cases.entries.type")}
        value={type}
        onChange={setType}
        options={(["time", "cost"] as const).map((m) => ({ value: m, label: t(`cases.entries.types.${m}`) }))}
        testId="entry-type"
      />
      <TextField
        label={t("cases.entries.description")}
        value={description}
        onChange={setDescription}
        required
        maxLength={2000}
        error={fields.description}
        testId="entry-description"
      />
      <TextField label={t("cases.entries.date")} type="date" value={workDate} onChange={setWorkDate} required error={fields.workDate} testId="entry-date" />
      {type === "time" ? (
        <>
          <TextField
            label={t("cases.entries.minutes")}
            value={minutes}
            onChange={setMinutes}
            required
            inputMode="numeric"
            pattern="^\d{1,6}$"
            error={fields.minutes}
            testId="entry-minutes"
          />
          <AmountField label={t("cases.entries.rate")} value={rate} onChange={setRate} error={fields.rateCents} testId="entry-rate" />
        </>
      ) : (
        <AmountField label={t("cases.entries.amountInput")} value={amount} onChange={setAmount} error={fields.amountCents} testId="entry-amount" />
      )}
      <CheckboxField
        label={t("cases.entries.billable")}
        checked={billable}
        onChange={setBillable}
        hint={t("cases.entries.billableHint")}
        testId="entry-billable"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={send.busy} data-testid="entry-log">
          {t("cases.entries.log")}
        </button>
      </div>
    </form>
  );
}

/** Staff close a request with an outcome of its kind, a note and the deliverable. */
export function CloseForm({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const [outcome, setOutcome] = useState(detail.outcomes[0]?.code ?? "");
  const [note, setNote] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const send = useAction(() => {
    const form = new FormData();
    form.append("outcome", outcome);
    form.append("note", note);
    for (const file of files) {
      form.append("files", file, file.name);
    }
    return unwrap(api.POST("/api/v1/cases/{id}/close", { params: { path: { id: detail.id } }, body: multipart<{ outcome: string; note: string }>(form) }));
  });
  const fields = send.error?.fieldMessages() ?? {};
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await send.execute();
    if (result.ok) {
      onDone(result.value);
    }
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="close-form" aria-label={t("cases.close.title")}>
      <ErrorAlert error={send.error && Object.keys(fields).length === 0 ? send.error : undefined} />
      <SelectField
        label={t("cases.close.outcome")}
        value={outcome}
        onChange={setOutcome}
        options={detail.outcomes.map((o) => ({ value: o.code, label: pick(o.label.nl, o.label.en) }))}
        error={fields.outcome}
        testId="close-outcome"
      />
      <TextAreaField label={t("cases.close.note")} value={note} onChange={setNote} required rows={4} error={fields.note} testId="close-note" />
      <div className={`field${fields.files ? " field-invalid" : ""}`}>
        <label htmlFor={`close-files-${detail.id}`}>{t("cases.close.files")}</label>
        <p className="hint">{t("thread.attachHint")}</p>
        <input
          ref={fileInput}
          id={`close-files-${detail.id}`}
          type="file"
          multiple
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
          data-testid="close-files"
        />
        {fields.files ? <p className="field-error">{fields.files}</p> : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={send.busy} data-testid="close-submit">
          {t("cases.close.submit")}
        </button>
      </div>
    </form>
  );
}

/** Staff answer a question about the measures (art. 2.2): a note, the measures report in the customer's language (made by the server), and any extra files; it completes the request. */
export function MeasuresAnswerForm({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const send = useAction(() => {
    const form = new FormData();
    form.append("note", note);
    for (const file of files) {
      form.append("files", file, file.name);
    }
    return unwrap(api.POST("/api/v1/cases/{id}/measures-answer", { params: { path: { id: detail.id } }, body: multipart<{ note: string }>(form) }));
  });
  const fields = send.error?.fieldMessages() ?? {};
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await send.execute();
    if (result.ok) {
      onDone(result.value);
    }
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="measures-answer-form" aria-label={t("cases.measures.answerTitle")}>
      <h2>{t("cases.measures.answerTitle")}</h2>
      <p className="hint">{t("cases.measures.answerIntro")}</p>
      <ErrorAlert error={send.error && Object.keys(fields).length === 0 ? send.error : undefined} />
      <TextAreaField label={t("cases.measures.note")} value={note} onChange={setNote} required rows={5} error={fields.note} testId="measures-answer-note" />
      <div className={`field${fields.files ? " field-invalid" : ""}`}>
        <label htmlFor={`measures-answer-files-${detail.id}`}>{t("cases.measures.files")}</label>
        <input
          id={`measures-answer-files-${detail.id}`}
          type="file"
          multiple
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
          data-testid="measures-answer-files"
        />
        {fields.files ? <p className="field-error">{fields.files}</p> : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={send.busy} data-testid="measures-answer-submit">
          {t("cases.measures.submit")}
        </button>
      </div>
    </form>
  );
}
