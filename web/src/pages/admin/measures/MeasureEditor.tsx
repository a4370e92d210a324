import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import type { Measure, MeasureBody } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { NumberField, SelectField, TextAreaField, TextField } from "../../../components/fields";
import { MEASURE_THEMES } from "../../../components/measures/measures-api";

const EMPTY: MeasureBody = {
  code: "",
  theme: "organisational",
  categoryNl: "",
  categoryEn: "",
  titleNl: "",
  titleEn: "",
  descriptionNl: "",
  descriptionEn: "",
  ownerUserId: null,
  status: "implemented",
  reviewIntervalMonths: 12,
};

const bodyOf = (m: Measure): MeasureBody => ({
  code: m.code,
  theme: m.theme,
  categoryNl: m.categoryNl,
  categoryEn: m.categoryEn,
  titleNl: m.titleNl,
  titleEn: m.titleEn,
  descriptionNl: m.descriptionNl,
  descriptionEn: m.descriptionEn,
  ownerUserId: m.ownerUserId,
  status: m.status,
  reviewIntervalMonths: m.reviewIntervalMonths,
});

/** One technical or organisational measure of the register (art. 7), in both languages. */
export function MeasureEditor({ measure, onSaved, onCancel }: { measure: Measure | null; onSaved: (m: Measure) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLFormElement>(null);
  const owners = useApi(() => unwrap(api.GET("/api/v1/measures/owners")), []);
  const [form, setForm] = useState<MeasureBody>(() => (measure ? bodyOf(measure) : EMPTY));
  const save = useAction(() =>
    measure
      ? unwrap(api.PUT("/api/v1/measures/{id}", { params: { path: { id: measure.id } }, body: form }))
      : unwrap(api.POST("/api/v1/measures", { body: form })),
  );
  const set = (patch: Partial<MeasureBody>) => setForm((f) => ({ ...f, ...patch }));
  useEffect(() => {
    // Braces: scrollIntoView returns a promise in current Chromium, which React would take for a cleanup function.
    ref.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await save.execute();
    if (result.ok) {
      onSaved(result.value.measure);
    }
  }

  const f = save.error?.fieldMessages() ?? {};
  const ownerOptions = [{ value: "", label: t("measures.noOwner") }, ...(owners.data ?? []).map((o) => ({ value: o.id, label: o.name }))];
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
        <SelectField
          label={t("measures.theme")}
          value={form.theme}
          onChange={(theme) => set({ theme })}
          options={MEASURE_THEMES.map((theme) => ({ value: theme, label: t(`measures.themes.${theme}`) }))}
          error={f.theme}
          testId="measure-theme"
        />
        <SelectField
          label={t("measures.owner")}
          value={form.ownerUserId ?? ""}
          onChange={(id) => set({ ownerUserId: id === "" ? null : id })}
          options={ownerOptions}
          error={f.ownerUserId}
          testId="measure-owner"
        />
        <SelectField
          label={t("measures.status")}
          value={form.status}
          onChange={(status) => set({ status })}
          options={(["implemented", "planned", "retired"] as const).map((s) => ({ value: s, label: t(`status.measure.${s}`) }))}
          error={f.status}
          testId="measure-status"
        />
        <NumberField
          label={t("measures.reviewInterval")}
          value={form.reviewIntervalMonths}
          onChange={(reviewIntervalMonths) => set({ reviewIntervalMonths })}
          min={1}
          max={60}
          error={f.reviewIntervalMonths}
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
          testId="measure-description-nl"
        />
        <TextAreaField
          label={t("measures.descriptionEn")}
          value={form.descriptionEn}
          onChange={(descriptionEn) => set({ descriptionEn })}
          required
          rows={5}
          error={f.descriptionEn}
          testId="measure-description-en"
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
