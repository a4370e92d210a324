import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import type { Measure, MeasureBody } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { SelectField, TextAreaField, TextField } from "../../../components/fields";

const EMPTY: MeasureBody = {
  code: "",
  categoryNl: "",
  categoryEn: "",
  titleNl: "",
  titleEn: "",
  descriptionNl: "",
  descriptionEn: "",
  owner: null,
  status: "implemented",
  lastReviewedAt: null,
};

/** The date part of an ISO instant for <input type="date">, and back to an instant at noon UTC (a date, not a moment). */
const toDateInput = (iso: string | null) => (iso ? iso.slice(0, 10) : "");
const fromDateInput = (value: string) => (value ? `${value}T12:00:00.000Z` : null);

/** One technical or organisational measure of Annex 2 (art. 7), in both languages. */
export function MeasureEditor({ measure, onSaved, onCancel }: { measure: Measure | null; onSaved: (m: Measure) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<MeasureBody>(() => {
    if (!measure) {
      return EMPTY;
    }
    const { id: _id, ...body } = measure;
    return body;
  });
  const save = useAction(() =>
    measure
      ? unwrap(api.PUT("/api/v1/measures/{id}", { params: { path: { id: measure.id } }, body: form }))
      : unwrap(api.POST("/api/v1/measures", { body: form })),
  );
  const set = (patch: Partial<MeasureBody>) => setForm((f) => ({ ...f, ...patch }));
  useEffect(() => ref.current?.scrollIntoView({ block: "start", behavior: "smooth" }), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await save.execute();
    if (result.ok) {
      onSaved(result.value);
    }
  }

  const f = save.error?.fieldMessages() ?? {};
  return (
    <form noValidate ref={ref} className="card editor" onSubmit={(e) => void submit(e)} data-testid="measure-editor">
      <h2>{measure ? t("measures.edit", { code: measure.code }) : t("measures.new")}</h2>
      <ErrorAlert error={save.error} />
      <div className="grid-3">
        <TextField
          label={t("measures.code")}
          value={form.code}
          onChange={(code) => set({ code })}
          required
          hint={t("catalogue.codeHint")}
          error={f.code}
          testId="measure-code"
        />
        <TextField
          label={t("measures.owner")}
          value={form.owner ?? ""}
          onChange={(owner) => set({ owner: owner.trim() === "" ? null : owner })}
          error={f.owner}
        />
        <SelectField
          label={t("measures.status")}
          value={form.status}
          onChange={(status) => set({ status })}
          options={(["implemented", "planned", "retired"] as const).map((s) => ({ value: s, label: t(`status.measure.${s}`) }))}
          error={f.status}
        />
        <TextField
          label={t("measures.lastReviewedAt")}
          type="date"
          value={toDateInput(form.lastReviewedAt)}
          onChange={(v) => set({ lastReviewedAt: fromDateInput(v) })}
          error={f.lastReviewedAt}
        />
      </div>
      <div className="grid-2">
        <TextField label={t("measures.categoryNl")} value={form.categoryNl} onChange={(categoryNl) => set({ categoryNl })} required error={f.categoryNl} />
        <TextField label={t("measures.categoryEn")} value={form.categoryEn} onChange={(categoryEn) => set({ categoryEn })} required error={f.categoryEn} />
        <TextField
          label={t("measures.titleNl")}
          value={form.titleNl}
          onChange={(titleNl) => set({ titleNl })}
          required
          error={f.titleNl}
          testId="measure-title-nl"
        />
        <TextField
          label={t("measures.titleEn")}
          value={form.titleEn}
          onChange={(titleEn) => set({ titleEn })}
          required
          error={f.titleEn}
          testId="measure-title-en"
        />
        <TextAreaField
          label={t("measures.descriptionNl")}
          value={form.descriptionNl}
          onChange={(descriptionNl) => set({ descriptionNl })}
          required
          rows={5}
          error={f.descriptionNl}
        />
        <TextAreaField
          label={t("measures.descriptionEn")}
          value={form.descriptionEn}
          onChange={(descriptionEn) => set({ descriptionEn })}
          required
          rows={5}
          error={f.descriptionEn}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="measure-save">
          {t("common.save")}
        </button>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
