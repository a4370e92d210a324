import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useAction, useApi } from "../../api/useApi";
import type { Processor } from "../../api/types";
import { ErrorAlert, Notice } from "../../components/ErrorAlert";
import { CheckboxField, TextField, validLocally } from "../../components/fields";
import { Loaded } from "../../components/Loaded";
import { PageHeader } from "../../components/PageHeader";
import { canStaffWrite, useMe } from "../../session";

export function ProcessorPage() {
  const { t } = useTranslation();
  const state = useApi(() => unwrap(api.GET("/api/v1/processor")), []);
  return (
    <>
      <PageHeader title={t("processor.title")} subtitle={t("processor.intro")} />
      <Loaded state={state}>{(processor) => <ProcessorForm initial={processor} onSaved={state.setData} />}</Loaded>
    </>
  );
}

const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** The processor's facts as the agreement names them, and its policies. */
function ProcessorForm({ initial, onSaved }: { initial: Processor; onSaved: (p: Processor) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const readOnly = !canStaffWrite(me);
  const [form, setForm] = useState(initial);
  const [saved, setSaved] = useState(false);
  const save = useAction((body: Processor) => unwrap(api.PUT("/api/v1/processor", { body })));
  const text = (key: "kvk" | "address" | "postalCode" | "city" | "privacyEmail") => form[key] ?? "";
  const set = (patch: Partial<Processor>) => {
    setSaved(false);
    setForm((f) => ({ ...f, ...patch }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const body: Processor = {
      ...form,
      name: form.name.trim(),
      kvk: orNull(text("kvk")),
      address: orNull(text("address")),
      postalCode: orNull(text("postalCode")),
      city: orNull(text("city")),
      privacyEmail: orNull(text("privacyEmail")),
      country: form.country.trim().toUpperCase(),
    };
    const result = await save.execute(body);
    if (result.ok) {
      setSaved(true);
      onSaved(result.value);
    }
  }

  const f = save.error?.fieldMessages() ?? {};
  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      {saved ? (
        <Notice tone="success" testId="processor-saved">
          {t("common.saved")}
        </Notice>
      ) : null}
      <ErrorAlert error={save.error} />
      <section className="card">
        <h2>{t("processor.identity")}</h2>
        <div className="grid-2">
          <TextField
            label={t("processor.name")}
            value={form.name}
            onChange={(name) => set({ name })}
            required
            error={f.name}
            disabled={readOnly}
            testId="processor-name"
          />
          <TextField
            label={t("processor.kvk")}
            value={text("kvk")}
            onChange={(kvk) => set({ kvk })}
            inputMode="numeric"
            hint={t("processor.kvkHint")}
            error={f.kvk}
            disabled={readOnly}
          />
          <TextField label={t("processor.address")} value={text("address")} onChange={(address) => set({ address })} error={f.address} disabled={readOnly} />
          <TextField
            label={t("processor.postalCode")}
            value={text("postalCode")}
            onChange={(postalCode) => set({ postalCode })}
            error={f.postalCode}
            disabled={readOnly}
          />
          <TextField label={t("processor.city")} value={text("city")} onChange={(city) => set({ city })} error={f.city} disabled={readOnly} />
          <TextField
            label={t("processor.country")}
            value={form.country}
            onChange={(country) => set({ country })}
            maxLength={2}
            hint={t("processor.countryHint")}
            error={f.country}
            disabled={readOnly}
          />
          <TextField
            label={t("processor.privacyEmail")}
            type="email"
            value={text("privacyEmail")}
            onChange={(privacyEmail) => set({ privacyEmail })}
            error={f.privacyEmail}
            disabled={readOnly}
          />
        </div>
      </section>
      <section className="card">
        <h2>{t("processor.legal")}</h2>
        <div className="grid-2">
          <TextField
            label={t("processor.court")}
            value={form.court}
            onChange={(court) => set({ court })}
            required
            hint={t("processor.courtHint")}
            error={f.court}
            disabled={readOnly}
          />
          <TextField
            label={t("processor.timeZone")}
            value={form.timeZone}
            onChange={(timeZone) => set({ timeZone })}
            required
            hint={t("processor.timeZoneHint")}
            error={f.timeZone}
            disabled={readOnly}
          />
        </div>
      </section>
      <section className="card">
        <h2>{t("processor.policies")}</h2>
        <CheckboxField
          label={t("processor.autoCountersign")}
          hint={t("processor.autoCountersignHint")}
          checked={form.autoCountersign}
          onChange={(autoCountersign) => set({ autoCountersign })}
          error={f.autoCountersign}
          disabled={readOnly}
          testId="processor-auto-countersign"
        />
      </section>
      {readOnly ? null : (
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="processor-save">
            {t("common.save")}
          </button>
        </div>
      )}
    </form>
  );
}
