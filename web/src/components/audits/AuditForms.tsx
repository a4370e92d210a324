import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, multipart, unwrap } from "../../api/client";
import { useAction } from "../../api/useApi";
import type { ResponseOf } from "../../api/types";
import { ErrorAlert } from "../ErrorAlert";
import { DateTimeField, SelectField, submitWith, TextAreaField, TextField } from "../fields";
import { parseEuros } from "../../lib/format";
import { localToInstant } from "../../lib/zoned";

// The forms of an audit (art. 10), the customer's and the processor's alike: each sends one act and
// answers the audit as it is then; the server's field messages show beside the fields.

export type AuditDetail = ResponseOf<"/api/v1/audits/{id}", "get">;
type Props = { audit: AuditDetail; onDone: (a: AuditDetail) => void };

function useForm(run: () => Promise<AuditDetail>, onDone: (a: AuditDetail) => void) {
  const action = useAction(run);
  const fields = action.error?.fieldMessages() ?? {};
  return { action, fields, submit: submitWith(action, onDone), general: action.error && Object.keys(fields).length === 0 ? action.error : undefined };
}
const path = (audit: AuditDetail) => ({ params: { path: { id: audit.id } } });

function FileInput({
  id,
  label,
  multiple,
  error,
  onChange,
  testId,
}: {
  id: string;
  label: string;
  multiple?: boolean;
  error?: string;
  onChange: (files: File[]) => void;
  testId: string;
}) {
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" multiple={multiple} onChange={(e) => onChange([...(e.target.files ?? [])])} data-testid={testId} />
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}

export function RefuseForm({ audit, onDone }: Props) {
  const { t } = useTranslation();
  const [reasoning, setReasoning] = useState("");
  const form = useForm(() => unwrap(api.POST("/api/v1/audits/{id}/refusal", { ...path(audit), body: { reasoning } })), onDone);
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="audit-refuse-form" aria-label={t("audits.refusal.title")}>
      <h3>{t("audits.refusal.title")}</h3>
      <p className="hint">{t("audits.refusal.intro")}</p>
      <ErrorAlert error={form.general} />
      <TextAreaField
        label={t("audits.refusal.reasoning")}
        value={reasoning}
        onChange={setReasoning}
        required
        rows={3}
        error={form.fields.reasoning}
        testId="audit-refuse-reasoning"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-danger" disabled={form.action.busy} data-testid="audit-refuse-submit">
          {t("audits.refusal.submit")}
        </button>
      </div>
    </form>
  );
}

export function ExpertForm({ audit, onDone, other }: Props & { other: boolean }) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [firm, setFirm] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const form = useForm(() => {
    const data = new FormData();
    data.append("name", name);
    data.append("firm", firm);
    for (const file of files) {
      data.append("undertaking", file, file.name);
    }
    return unwrap(api.POST("/api/v1/audits/{id}/experts", { ...path(audit), body: multipart<Record<string, never>>(data) }));
  }, onDone);
  const title = other ? t("audits.expert.proposeOther") : t("audits.expert.propose");
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="audit-expert-form" aria-label={title}>
      <h3>{title}</h3>
      <ErrorAlert error={form.general} />
      <TextField label={t("audits.expert.name")} value={name} onChange={setName} required maxLength={200} error={form.fields.name} testId="audit-expert-name" />
      <TextField label={t("audits.expert.firm")} value={firm} onChange={setFirm} required maxLength={200} error={form.fields.firm} testId="audit-expert-firm" />
      <FileInput
        id={`audit-undertaking-${audit.id}`}
        label={t("audits.expert.undertaking")}
        error={form.fields.undertaking}
        onChange={setFiles}
        testId="audit-expert-file"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.action.busy} data-testid="audit-expert-submit">
          {title}
        </button>
      </div>
    </form>
  );
}

export function AcceptExpertButton({ audit, expertId, onDone }: Props & { expertId: string }) {
  const { t } = useTranslation();
  const action = useAction(() => unwrap(api.POST("/api/v1/audits/{id}/experts/{expertId}/acceptance", { params: { path: { id: audit.id, expertId } } })));
  return (
    <>
      <ErrorAlert error={action.error} />
      <button
        type="button"
        className="btn btn-primary btn-small"
        disabled={action.busy}
        data-testid="audit-expert-accept"
        onClick={() => void action.execute().then((r) => (r.ok ? onDone(r.value) : undefined))}
      >
        {t("audits.expert.accept")}
      </button>
    </>
  );
}

export function DateForm({ audit, onDone }: Props) {
  const { t } = useTranslation();
  const [at, setAt] = useState("");
  const form = useForm(() => unwrap(api.POST("/api/v1/audits/{id}/date", { ...path(audit), body: { startsAt: localToInstant(at) ?? "" } })), onDone);
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="audit-date-form" aria-label={t("audits.dateForm.propose")}>
      <ErrorAlert error={form.general} />
      <DateTimeField
        label={t("audits.dateForm.startsAt")}
        hint={t("audits.dateForm.hint")}
        value={at}
        onChange={setAt}
        required
        error={form.fields.startsAt}
        testId="audit-date-input"
      />
      <div className="form-actions">
        <button type="submit" className="btn" disabled={form.action.busy} data-testid="audit-date-submit">
          {t("audits.dateForm.propose")}
        </button>
      </div>
    </form>
  );
}

export function AcceptDateButton({ audit, onDone }: Props) {
  const { t } = useTranslation();
  const action = useAction(() => unwrap(api.POST("/api/v1/audits/{id}/date/acceptance", { ...path(audit), body: { startsAt: audit.dateAt ?? "" } })));
  return (
    <>
      <ErrorAlert error={action.error} />
      <button
        type="button"
        className="btn btn-primary"
        disabled={action.busy}
        data-testid="audit-date-accept"
        onClick={() => void action.execute().then((r) => (r.ok ? onDone(r.value) : undefined))}
      >
        {t("audits.dateForm.accept")}
      </button>
    </>
  );
}

export function AskForm({ audit, onDone }: Props) {
  const { t } = useTranslation();
  const [question, setQuestion] = useState("");
  const staff = audit.yourSide === "processor";
  const [askedBy, setAskedBy] = useState<"customer" | "expert">(staff ? "expert" : "customer");
  const form = useForm(async () => {
    const done = await unwrap(api.POST("/api/v1/audits/{id}/information-requests", { ...path(audit), body: { askedBy, question } }));
    setQuestion("");
    return done;
  }, onDone);
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="audit-ask-form" aria-label={t("audits.information.ask")}>
      <h3>{t("audits.information.ask")}</h3>
      <ErrorAlert error={form.general} />
      {staff ? null : (
        <SelectField
          label={t("audits.information.askedBy")}
          value={askedBy}
          onChange={setAskedBy}
          options={(["customer", "expert"] as const).map((v) => ({ value: v, label: t(`audits.information.askers.${v}`) }))}
          error={form.fields.askedBy}
          testId="audit-ask-by"
        />
      )}
      <TextAreaField
        label={t("audits.information.question")}
        value={question}
        onChange={setQuestion}
        required
        rows={3}
        error={form.fields.question ?? form.fields.askedBy}
        testId="audit-ask-question"
      />
      <div className="form-actions">
        <button type="submit" className="btn" disabled={form.action.busy} data-testid="audit-ask-submit">
          {t("audits.information.submitAsk")}
        </button>
      </div>
    </form>
  );
}

export function AnswerForm({ audit, requestId, onDone }: Props & { requestId: string }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const form = useForm(() => {
    const data = new FormData();
    data.append("answer", answer);
    for (const file of files) {
      data.append("files", file, file.name);
    }
    return unwrap(
      api.POST("/api/v1/audits/{id}/information-requests/{requestId}/answer", {
        params: { path: { id: audit.id, requestId } },
        body: multipart<{ answer: string }>(data),
      }),
    );
  }, onDone);
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="audit-answer-form" aria-label={t("audits.information.submitAnswer")}>
      <ErrorAlert error={form.general} />
      <TextAreaField
        label={t("audits.information.answer")}
        value={answer}
        onChange={setAnswer}
        required
        rows={3}
        error={form.fields.answer}
        testId="audit-answer-text"
      />
      <FileInput
        id={`audit-answer-files-${requestId}`}
        label={t("audits.information.files")}
        multiple
        error={form.fields.files}
        onChange={setFiles}
        testId="audit-answer-files"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.action.busy} data-testid="audit-answer-submit">
          {t("audits.information.submitAnswer")}
        </button>
      </div>
    </form>
  );
}

export function FindingForm({ audit, onDone }: Props) {
  const { t } = useTranslation();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [assessment, setAssessment] = useState("");
  const form = useForm(() => unwrap(api.POST("/api/v1/audits/{id}/findings", { ...path(audit), body: { title, description, assessment } })), onDone);
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="audit-finding-form" aria-label={t("audits.findings.record")}>
      <h3>{t("audits.findings.record")}</h3>
      <ErrorAlert error={form.general} />
      <TextField
        label={t("audits.findings.titleField")}
        value={title}
        onChange={setTitle}
        required
        maxLength={300}
        error={form.fields.title}
        testId="audit-finding-title"
      />
      <TextAreaField
        label={t("audits.findings.description")}
        value={description}
        onChange={setDescription}
        required
        rows={3}
        error={form.fields.description}
        testId="audit-finding-description"
      />
      <TextAreaField
        label={t("audits.findings.assessment")}
        value={assessment}
        onChange={setAssessment}
        required
        rows={2}
        error={form.fields.assessment}
        testId="audit-finding-assessment"
      />
      <div className="form-actions">
        <button type="submit" className="btn" disabled={form.action.busy} data-testid="audit-finding-submit">
          {t("audits.findings.record")}
        </button>
      </div>
    </form>
  );
}

export function ActionForm({ audit, onDone }: Props) {
  const { t } = useTranslation();
  const [findingId, setFindingId] = useState(audit.findings[0]?.id ?? "");
  const [description, setDescription] = useState("");
  const [carriedBy, setCarriedBy] = useState<"processor" | "customer" | "both">("processor");
  const [owner, setOwner] = useState("");
  const [dueDate, setDueDate] = useState("");
  const form = useForm(
    () => unwrap(api.POST("/api/v1/audits/{id}/actions", { ...path(audit), body: { findingId, description, carriedBy, owner, dueDate } })),
    onDone,
  );
  if (audit.findings.length === 0) {
    return null;
  }
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="audit-action-form" aria-label={t("audits.actions.add")}>
      <h3>{t("audits.actions.add")}</h3>
      <ErrorAlert error={form.general} />
      <SelectField
        label={t("audits.actions.finding")}
        value={findingId}
        onChange={setFindingId}
        options={audit.findings.map((f) => ({ value: f.id, label: f.title }))}
        error={form.fields.findingId}
        testId="audit-action-finding"
      />
      <TextAreaField
        label={t("audits.actions.description")}
        value={description}
        onChange={setDescription}
        required
        rows={2}
        error={form.fields.description}
        testId="audit-action-description"
      />
      <SelectField
        label={t("audits.actions.carriedBy")}
        value={carriedBy}
        onChange={setCarriedBy}
        options={(["processor", "customer", "both"] as const).map((v) => ({ value: v, label: t(`audits.actions.carriers.${v}`) }))}
        testId="audit-action-carrier"
      />
      <TextField
        label={t("audits.actions.owner")}
        value={owner}
        onChange={setOwner}
        required
        maxLength={200}
        error={form.fields.owner}
        testId="audit-action-owner"
      />
      <TextField
        label={t("audits.actions.dueDate")}
        type="date"
        value={dueDate}
        onChange={setDueDate}
        required
        error={form.fields.dueDate}
        testId="audit-action-due"
      />
      <div className="form-actions">
        <button type="submit" className="btn" disabled={form.action.busy} data-testid="audit-action-submit">
          {t("audits.actions.add")}
        </button>
      </div>
    </form>
  );
}

export function CompleteActionButton({ audit, actionId, onDone }: Props & { actionId: string }) {
  const { t } = useTranslation();
  const action = useAction(() => unwrap(api.POST("/api/v1/audits/{id}/actions/{actionId}/completion", { params: { path: { id: audit.id, actionId } } })));
  return (
    <>
      <ErrorAlert error={action.error} />
      <button
        type="button"
        className="btn btn-small"
        disabled={action.busy}
        data-testid="audit-action-complete"
        onClick={() => void action.execute().then((r) => (r.ok ? onDone(r.value) : undefined))}
      >
        {t("audits.actions.complete")}
      </button>
    </>
  );
}

export function AgreeFindingButton({ audit, findingId, onDone }: Props & { findingId: string }) {
  const { t } = useTranslation();
  const action = useAction(() => unwrap(api.POST("/api/v1/audits/{id}/findings/{findingId}/agreement", { params: { path: { id: audit.id, findingId } } })));
  return (
    <>
      <ErrorAlert error={action.error} />
      <button
        type="button"
        className="btn btn-small"
        disabled={action.busy}
        data-testid="audit-finding-agree"
        onClick={() => void action.execute().then((r) => (r.ok ? onDone(r.value) : undefined))}
      >
        {t("audits.findings.agree")}
      </button>
    </>
  );
}

export function CostForm({ audit, onDone }: Props) {
  const { t } = useTranslation();
  const [description, setDescription] = useState("");
  const [amount, setAmount] = useState("");
  const [costDate, setCostDate] = useState("");
  const form = useForm(
    () => unwrap(api.POST("/api/v1/audits/{id}/costs", { ...path(audit), body: { description, amountCents: parseEuros(amount) ?? 0, costDate } })),
    onDone,
  );
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="audit-cost-form" aria-label={t("audits.costs.record")}>
      <h3>{t("audits.costs.record")}</h3>
      <ErrorAlert error={form.general} />
      <TextField
        label={t("audits.costs.description")}
        value={description}
        onChange={setDescription}
        required
        maxLength={500}
        error={form.fields.description}
        testId="audit-cost-description"
      />
      <TextField
        label={t("audits.costs.amount")}
        value={amount}
        onChange={setAmount}
        required
        inputMode="decimal"
        error={form.fields.amountCents}
        testId="audit-cost-amount"
      />
      <TextField
        label={t("audits.costs.costDate")}
        type="date"
        value={costDate}
        onChange={setCostDate}
        required
        error={form.fields.costDate}
        testId="audit-cost-date"
      />
      <div className="form-actions">
        <button type="submit" className="btn" disabled={form.action.busy} data-testid="audit-cost-submit">
          {t("audits.costs.record")}
        </button>
      </div>
    </form>
  );
}
