import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import type { ApiError } from "../../../api/errors";
import type { Incident, IncidentBody } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { CheckboxField, DateTimeField, TextAreaField, TextField, validLocally } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { ServicePicker } from "../../../components/subprocessors/ServicePicker";
import { instantToLocal, localToInstant } from "../../../lib/zoned";

/**
 * What the register says about an incident (GDPR art. 33(5)): what happened, when it started and
 * whether it still goes on, when and how the processor discovered it, and what it touched. Used to
 * record one and to correct one. The services and sub-processors decide whom Art28 proposes.
 */
export function IncidentForm({
  incident,
  busy,
  error,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  incident?: Incident;
  busy: boolean;
  error: ApiError | undefined;
  submitLabel: string;
  onSubmit: (body: IncidentBody) => void;
  onCancel?: () => void;
}) {
  const options = useApi(async () => {
    const [catalogue, subprocessors] = await Promise.all([
      unwrap(api.GET("/api/v1/catalogue")),
      unwrap(api.GET("/api/v1/subprocessors", { params: { query: {} } })),
    ]);
    return { catalogue, subprocessors };
  }, []);
  return (
    <Loaded state={options}>
      {({ catalogue, subprocessors }) => (
        <Form
          incident={incident}
          services={catalogue.services}
          subprocessors={subprocessors.filter((s) => s.status !== "removed" || incident?.subprocessors.some((x) => x.id === s.id))}
          busy={busy}
          error={error}
          submitLabel={submitLabel}
          onSubmit={onSubmit}
          onCancel={onCancel}
        />
      )}
    </Loaded>
  );
}

type Services = Parameters<typeof ServicePicker>[0]["services"];

function Form({
  incident,
  services,
  subprocessors,
  busy,
  error,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  incident: Incident | undefined;
  services: Services;
  subprocessors: readonly { id: string; name: string }[];
  busy: boolean;
  error: ApiError | undefined;
  submitLabel: string;
  onSubmit: (body: IncidentBody) => void;
  onCancel: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(incident?.title ?? "");
  const [description, setDescription] = useState(incident?.description ?? "");
  const [started, setStarted] = useState(instantToLocal(incident?.startedAt));
  const [ended, setEnded] = useState(instantToLocal(incident?.endedAt));
  const [ongoing, setOngoing] = useState(incident?.ongoing ?? false);
  const [discovered, setDiscovered] = useState(instantToLocal(incident?.discoveredAt ?? new Date().toISOString()));
  const [how, setHow] = useState(incident?.discoveryHow ?? "");
  const [systems, setSystems] = useState((incident?.systems ?? []).join("\n"));
  const [serviceIds, setServiceIds] = useState<string[]>(incident?.services.map((s) => s.id) ?? []);
  const [subprocessorIds, setSubprocessorIds] = useState<string[]>(incident?.subprocessors.map((s) => s.id) ?? []);
  const [local, setLocal] = useState<Record<string, string>>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    // An instant the officer left alone goes back exactly as stored (a field shows minutes only):
    // moving the discovery by its seconds would restart every customer's clock.
    const keep = (local: string, stored: string | null | undefined) =>
      incident && stored && local === instantToLocal(stored) ? stored : localToInstant(local);
    const startedAt = started ? keep(started, incident?.startedAt) : null;
    const endedAt = ended && !ongoing ? keep(ended, incident?.endedAt) : null;
    const discoveredAt = keep(discovered, incident?.discoveredAt);
    const problems: Record<string, string> = {};
    if (started && !startedAt) {
      problems.startedAt = t("incidents.form.badDate");
    }
    if (ended && !ongoing && !endedAt) {
      problems.endedAt = t("incidents.form.badDate");
    }
    if (!discoveredAt) {
      problems.discoveredAt = t("incidents.form.badDate");
    }
    setLocal(problems);
    if (Object.keys(problems).length > 0 || !discoveredAt) {
      return;
    }
    onSubmit({
      title: title.trim(),
      description: description.trim(),
      startedAt,
      endedAt,
      ongoing,
      discoveredAt,
      discoveryHow: how.trim(),
      systems: systems
        .split("\n")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
      serviceIds,
      subprocessorIds,
    });
  }

  const fields = { ...(error?.fieldMessages() ?? {}), ...local };
  const fieldOf = (prefix: string) => Object.entries(fields).find(([key]) => key === prefix || key.startsWith(`${prefix}.`))?.[1];
  const shown = new Set([
    "title",
    "description",
    "startedAt",
    "endedAt",
    "ongoing",
    "discoveredAt",
    "discoveryHow",
    "systems",
    "serviceIds",
    "subprocessorIds",
  ]);
  const unplaced = error && !Object.keys(error.fieldMessages()).some((key) => shown.has(key.split(".")[0] ?? "")) ? error : undefined;
  return (
    <form noValidate className="card editor" onSubmit={submit} data-testid="incident-editor">
      <ErrorAlert error={unplaced} />
      <TextField
        label={t("incidents.form.title")}
        hint={t("incidents.form.titleHint")}
        value={title}
        onChange={setTitle}
        required
        maxLength={300}
        error={fieldOf("title")}
        testId="incident-title"
      />
      <TextAreaField
        label={t("incidents.form.description")}
        hint={t("incidents.form.descriptionHint")}
        value={description}
        onChange={setDescription}
        rows={4}
        required
        error={fieldOf("description")}
        testId="incident-description"
      />
      <div className="grid-3">
        <DateTimeField
          label={t("incidents.form.startedAt")}
          hint={t("incidents.form.startedHint")}
          value={started}
          onChange={setStarted}
          error={fieldOf("startedAt")}
          testId="incident-started"
        />
        <div>
          {ongoing ? null : (
            <DateTimeField
              label={t("incidents.form.endedAt")}
              hint={t("incidents.form.endedHint")}
              value={ended}
              onChange={setEnded}
              error={fieldOf("endedAt")}
              testId="incident-ended"
            />
          )}
          <CheckboxField label={t("incidents.form.ongoing")} checked={ongoing} onChange={setOngoing} error={fieldOf("ongoing")} testId="incident-ongoing" />
        </div>
        <DateTimeField
          label={t("incidents.form.discoveredAt")}
          hint={t("incidents.form.discoveredHint")}
          value={discovered}
          onChange={setDiscovered}
          required
          error={fieldOf("discoveredAt")}
          testId="incident-discovered"
        />
      </div>
      <TextAreaField
        label={t("incidents.form.discoveryHow")}
        hint={t("incidents.form.discoveryHowHint")}
        value={how}
        onChange={setHow}
        rows={2}
        required
        error={fieldOf("discoveryHow")}
        testId="incident-discovery-how"
      />
      <TextAreaField
        label={t("incidents.form.systems")}
        hint={t("incidents.form.systemsHint")}
        value={systems}
        onChange={setSystems}
        rows={3}
        error={fieldOf("systems")}
        testId="incident-systems"
      />
      <div className="grid-2">
        <ServicePicker
          services={services}
          value={serviceIds}
          onChange={setServiceIds}
          legend={t("incidents.form.services")}
          hint={t("incidents.form.servicesHint")}
          error={fieldOf("serviceIds")}
          testId="incident-services"
        />
        <fieldset className={`checklist${fieldOf("subprocessorIds") ? " field-invalid" : ""}`} data-testid="incident-subprocessors">
          <legend>{t("incidents.form.subprocessors")}</legend>
          <p className="hint">{t("incidents.form.subprocessorsHint")}</p>
          {subprocessors.length === 0 ? <p className="muted">{t("incidents.form.noSubprocessors")}</p> : null}
          {subprocessors.map((s) => (
            <label className="check" key={s.id}>
              <input
                type="checkbox"
                checked={subprocessorIds.includes(s.id)}
                onChange={(e) => setSubprocessorIds(e.target.checked ? [...subprocessorIds, s.id] : subprocessorIds.filter((id) => id !== s.id))}
                data-testid="subprocessor-pick"
                data-name={s.name}
              />
              <span>{s.name}</span>
            </label>
          ))}
          {fieldOf("subprocessorIds") ? <p className="field-error">{fieldOf("subprocessorIds")}</p> : null}
        </fieldset>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="incident-save">
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
