import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { CheckboxField, DateTimeField, SelectField, submitWith, TextAreaField } from "../../../components/fields";
import { instantToLocal, localToInstant } from "../../../lib/zoned";
import type { ResponseOf } from "../../../api/types";
import { CustomerPicker, type Chosen } from "./CustomerPicker";

export type OrderDetail = ResponseOf<"/api/v1/disclosure-orders/{id}", "get">;

type Props = { order: OrderDetail; onDone: (o: OrderDetail) => void };

/** One small form: local checks first, then the action; its server's field messages beside the fields. */
function useForm<R>(run: () => Promise<R>, onDone: (r: R) => void) {
  const action = useAction(run);
  const fields = action.error?.fieldMessages() ?? {};
  return { action, fields, submit: submitWith(action, onDone), general: action.error && Object.keys(fields).length === 0 ? action.error : undefined };
}

const now = () => instantToLocal(new Date().toISOString());

export function DecisionForm({ order, onDone }: Props) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<"comply" | "comply_in_part" | "contest">(order.decision === "pending" ? "comply" : order.decision);
  const [reasoning, setReasoning] = useState(order.reasoning ?? "");
  const form = useForm(
    () => unwrap(api.POST("/api/v1/disclosure-orders/{id}/decision", { params: { path: { id: order.id } }, body: { decision, reasoning } })),
    onDone,
  );
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="decision-form" aria-label={t("disclosures.decide.title")}>
      <ErrorAlert error={form.general} />
      <SelectField
        label={t("disclosures.decision")}
        value={decision}
        onChange={setDecision}
        options={(["comply", "comply_in_part", "contest"] as const).map((d) => ({ value: d, label: t(`disclosures.decisions.${d}`) }))}
        testId="decision-select"
      />
      <TextAreaField
        label={t("disclosures.reasoning")}
        value={reasoning}
        onChange={setReasoning}
        required
        rows={3}
        error={form.fields.reasoning}
        testId="decision-reasoning"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.action.busy} data-testid="decision-save">
          {t("disclosures.decide.save")}
        </button>
      </div>
    </form>
  );
}

export function DisclosedForm({ order, onDone }: Props) {
  const { t } = useTranslation();
  const [what, setWhat] = useState(order.disclosedWhat ?? "");
  const [at, setAt] = useState(order.disclosedAt ? instantToLocal(order.disclosedAt) : now());
  const form = useForm(
    () =>
      unwrap(
        api.POST("/api/v1/disclosure-orders/{id}/disclosure", {
          params: { path: { id: order.id } },
          body: { what, disclosedAt: localToInstant(at) ?? "" },
        }),
      ),
    onDone,
  );
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="disclosed-form" aria-label={t("disclosures.disclosed.title")}>
      <h3>{t("disclosures.disclosed.title")}</h3>
      <ErrorAlert error={form.general} />
      <TextAreaField
        label={t("disclosures.disclosed.what")}
        value={what}
        onChange={setWhat}
        required
        rows={2}
        error={form.fields.what}
        testId="disclosed-what"
      />
      <DateTimeField
        label={t("disclosures.disclosed.at")}
        hint={t("disclosures.zoneHint")}
        value={at}
        onChange={setAt}
        required
        error={form.fields.disclosedAt}
        testId="disclosed-at"
      />
      <div className="form-actions">
        <button type="submit" className="btn" disabled={form.action.busy} data-testid="disclosed-save">
          {t("disclosures.disclosed.save")}
        </button>
      </div>
    </form>
  );
}

const RESULTS = ["pending", "refused", "narrowed", "lifted"] as const;

export function EffortForm({ order, onDone }: Props) {
  const { t } = useTranslation();
  const [at, setAt] = useState(now());
  const [action, setAction] = useState("");
  const [result, setResult] = useState<(typeof RESULTS)[number]>("pending");
  const [note, setNote] = useState("");
  const form = useForm(
    () =>
      unwrap(
        api.POST("/api/v1/disclosure-orders/{id}/gag-efforts", {
          params: { path: { id: order.id } },
          body: { at: localToInstant(at) ?? "", action, result, ...(note.trim() ? { note } : {}) },
        }),
      ),
    (o: OrderDetail) => {
      setAction("");
      setNote("");
      onDone(o);
    },
  );
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="effort-form" aria-label={t("disclosures.efforts.save")}>
      <h3>{t("disclosures.efforts.save")}</h3>
      <ErrorAlert error={form.general} />
      <DateTimeField
        label={t("disclosures.efforts.at")}
        hint={t("disclosures.zoneHint")}
        value={at}
        onChange={setAt}
        required
        error={form.fields.at}
        testId="effort-at"
      />
      <TextAreaField
        label={t("disclosures.efforts.action")}
        value={action}
        onChange={setAction}
        required
        rows={2}
        error={form.fields.action}
        testId="effort-action"
      />
      <SelectField
        label={t("disclosures.efforts.result")}
        value={result}
        onChange={setResult}
        options={RESULTS.map((r) => ({ value: r, label: t(`disclosures.efforts.results.${r}`) }))}
        testId="effort-result"
      />
      <TextAreaField label={t("disclosures.efforts.note")} value={note} onChange={setNote} rows={2} error={form.fields.note} testId="effort-note" />
      <div className="form-actions">
        <button type="submit" className="btn" disabled={form.action.busy} data-testid="effort-save">
          {t("disclosures.efforts.save")}
        </button>
      </div>
    </form>
  );
}

export function GagChangeForm({ order, onDone }: Props) {
  const { t } = useTranslation();
  const [gag, setGag] = useState<"until_date" | "until_lifted">(order.gag === "until_lifted" ? "until_lifted" : "until_date");
  const [until, setUntil] = useState(order.gagUntil ? instantToLocal(order.gagUntil) : "");
  const form = useForm(
    () =>
      unwrap(
        api.POST("/api/v1/disclosure-orders/{id}/gag", {
          params: { path: { id: order.id } },
          body: { gag, ...(gag === "until_date" ? { gagUntil: localToInstant(until) } : {}) },
        }),
      ),
    onDone,
  );
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="gag-change-form" aria-label={t("disclosures.change.title")}>
      <h3>{t("disclosures.change.title")}</h3>
      <p className="muted small">{t("disclosures.change.intro")}</p>
      <ErrorAlert error={form.general} />
      <SelectField
        label={t("disclosures.gag")}
        value={gag}
        onChange={setGag}
        options={(["until_date", "until_lifted"] as const).map((g) => ({ value: g, label: t(`disclosures.gags.${g}`) }))}
        testId="gag-change-kind"
      />
      {gag === "until_date" ? (
        <DateTimeField
          label={t("disclosures.gagUntil")}
          hint={t("disclosures.zoneHint")}
          value={until}
          onChange={setUntil}
          required
          error={form.fields.gagUntil}
          testId="gag-change-until"
        />
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn" disabled={form.action.busy} data-testid="gag-change-save">
          {t("disclosures.change.save")}
        </button>
      </div>
    </form>
  );
}

export function LiftForm({ order, onDone }: Props) {
  const { t } = useTranslation();
  const [at, setAt] = useState(now());
  const [note, setNote] = useState("");
  const form = useForm(
    () =>
      unwrap(
        api.POST("/api/v1/disclosure-orders/{id}/gag-lift", {
          params: { path: { id: order.id } },
          body: { liftedAt: localToInstant(at) ?? "", ...(note.trim() ? { note } : {}) },
        }),
      ),
    onDone,
  );
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="lift-form" aria-label={t("disclosures.lift.title")}>
      <h3>{t("disclosures.lift.title")}</h3>
      <ErrorAlert error={form.general} />
      <DateTimeField
        label={t("disclosures.lift.at")}
        hint={t("disclosures.zoneHint")}
        value={at}
        onChange={setAt}
        required
        error={form.fields.liftedAt}
        testId="lift-at"
      />
      <TextAreaField label={t("disclosures.lift.note")} value={note} onChange={setNote} rows={2} error={form.fields.note} testId="lift-note" />
      <div className="form-actions">
        <button type="submit" className="btn" disabled={form.action.busy} data-testid="lift-save">
          {t("disclosures.lift.save")}
        </button>
      </div>
    </form>
  );
}

export function NotifyForm({ order, onDone }: Props) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState("");
  const [nameAuthority, setNameAuthority] = useState(true);
  const form = useForm(
    () => unwrap(api.POST("/api/v1/disclosure-orders/{id}/notices", { params: { path: { id: order.id } }, body: { summary, nameAuthority } })),
    onDone,
  );
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="notify-form" aria-label={t("disclosures.notify.title")}>
      <h3>{t("disclosures.notify.title")}</h3>
      <p className="muted small">{t("disclosures.notify.intro")}</p>
      <ErrorAlert error={form.general} />
      <TextAreaField
        label={t("disclosures.notify.summary")}
        value={summary}
        onChange={setSummary}
        required
        rows={3}
        error={form.fields.summary}
        testId="notify-summary"
      />
      <CheckboxField label={t("disclosures.notify.nameAuthority")} checked={nameAuthority} onChange={setNameAuthority} testId="notify-name-authority" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.action.busy} data-testid="notify-send">
          {t("disclosures.notify.send")}
        </button>
      </div>
    </form>
  );
}

/** Customers found to be concerned later (their duty runs from the receipt or the gag's end). */
export function AddCustomersForm({ order, onDone }: Props) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const form = useForm(
    () =>
      unwrap(
        api.POST("/api/v1/disclosure-orders/{id}/customers", {
          params: { path: { id: order.id } },
          body: { controllerIds: chosen.map((c) => c.id) },
        }),
      ),
    (o: OrderDetail) => {
      setChosen([]);
      onDone(o);
    },
  );
  return (
    <details className="other-customer">
      <summary>{t("disclosures.addCustomers.title")}</summary>
      <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="add-customers-form" aria-label={t("disclosures.addCustomers.title")}>
        <p className="muted small">{t("disclosures.addCustomers.intro")}</p>
        <ErrorAlert error={form.general} />
        <CustomerPicker chosen={chosen} onChange={setChosen} error={Object.entries(form.fields).find(([k]) => k.startsWith("controllerIds"))?.[1]} />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={form.action.busy || chosen.length === 0} data-testid="add-customers-save">
            {t("disclosures.addCustomers.save")}
          </button>
        </div>
      </form>
    </details>
  );
}
