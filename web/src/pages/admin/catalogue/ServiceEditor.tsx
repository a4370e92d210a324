import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import type { Catalogue, Service, ServiceBody } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { CheckboxField, TextField, validLocally } from "../../../components/fields";
import { TermChecklist } from "./TermChecklist";

const EMPTY: ServiceBody = { nameNl: "", nameEn: "", active: true, purposes: [], dataCategories: [], subjectCategories: [] };

/**
 * One service of Annex 1A and what it involves (1B–1D). Saving a change makes a new Annex 1
 * version for every customer taking the service.
 */
export function ServiceEditor({
  catalogue,
  service,
  readOnly,
  onSaved,
  onCancel,
}: {
  catalogue: Catalogue;
  service: Service | null;
  readOnly: boolean;
  onSaved: (s: Service) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState(service?.code ?? "");
  const [form, setForm] = useState<ServiceBody>(
    service
      ? {
          nameNl: service.nameNl,
          nameEn: service.nameEn,
          active: service.active,
          purposes: service.purposes,
          dataCategories: service.dataCategories,
          subjectCategories: service.subjectCategories,
        }
      : EMPTY,
  );
  const save = useAction(() =>
    service
      ? unwrap(api.PUT("/api/v1/services/{id}", { params: { path: { id: service.id } }, body: form }))
      : unwrap(api.POST("/api/v1/services", { body: { code: code.trim(), ...form } })),
  );
  const set = (patch: Partial<ServiceBody>) => setForm((f) => ({ ...f, ...patch }));
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // Braces: scrollIntoView returns a promise in current Chromium, which React would take for a cleanup function.
    ref.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await save.execute();
    if (result.ok) {
      onSaved(result.value);
    }
  }

  const f = save.error?.fieldMessages() ?? {};
  return (
    <form
      noValidate
      ref={ref}
      className="card editor"
      onSubmit={(e) => void submit(e)}
      aria-label={service ? t("catalogue.editService", { code: service.code }) : t("catalogue.newService")}
      data-testid="service-editor"
    >
      <h2>{service ? t("catalogue.editService", { code: service.code }) : t("catalogue.newService")}</h2>
      <ErrorAlert error={save.error} />
      {service ? null : (
        <TextField label={t("catalogue.code")} value={code} onChange={setCode} required hint={t("catalogue.codeHint")} error={f.code} testId="service-code" />
      )}
      <div className="grid-2">
        <TextField
          label={t("catalogue.nameNl")}
          value={form.nameNl}
          onChange={(nameNl) => set({ nameNl })}
          required
          error={f.nameNl}
          disabled={readOnly}
          testId="service-name-nl"
        />
        <TextField
          label={t("catalogue.nameEn")}
          value={form.nameEn}
          onChange={(nameEn) => set({ nameEn })}
          required
          error={f.nameEn}
          disabled={readOnly}
          testId="service-name-en"
        />
      </div>
      <CheckboxField
        label={t("catalogue.active")}
        hint={t("catalogue.activeHint")}
        checked={form.active}
        onChange={(active) => set({ active })}
        disabled={readOnly}
      />
      <div className="grid-3">
        <TermChecklist
          legend={t("annex.parts.purposes")}
          terms={catalogue.purposes}
          chosen={form.purposes}
          onChange={(purposes) => set({ purposes })}
          disabled={readOnly}
          error={f.purposes}
          testId="service-purposes"
        />
        <TermChecklist
          legend={t("annex.parts.dataCategories")}
          terms={catalogue.dataCategories}
          chosen={form.dataCategories}
          onChange={(dataCategories) => set({ dataCategories })}
          disabled={readOnly}
          error={f.dataCategories}
          testId="service-data-categories"
        />
        <TermChecklist
          legend={t("annex.parts.subjectCategories")}
          terms={catalogue.subjectCategories}
          chosen={form.subjectCategories}
          onChange={(subjectCategories) => set({ subjectCategories })}
          disabled={readOnly}
          error={f.subjectCategories}
          testId="service-subject-categories"
        />
      </div>
      <div className="form-actions">
        {readOnly ? null : (
          <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="service-save">
            {t("common.save")}
          </button>
        )}
        <button type="button" className="btn btn-link" onClick={onCancel}>
          {t("common.close")}
        </button>
        {service && !readOnly ? <span className="hint">{t("catalogue.annexHint")}</span> : null}
      </div>
    </form>
  );
}
