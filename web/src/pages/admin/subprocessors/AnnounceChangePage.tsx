import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import type { AnnounceBody, Catalogue, ChangeKind, LocationBody, Subprocessor } from "../../../api/types";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { SelectField, TextAreaField, validLocally } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { LocationsEditor } from "../../../components/subprocessors/LocationsEditor";
import { ServicePicker } from "../../../components/subprocessors/ServicePicker";
import { localToInstant } from "../../../lib/zoned";
import { formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";

const KINDS: readonly ChangeKind[] = ["add", "replace", "remove", "relocate"];

/** Which sub-processors a kind of change can be about: a new one is proposed, the others act on an active one. */
const candidates = (kind: ChangeKind, list: readonly Subprocessor[]) =>
  list.filter((s) => s.pendingChangeId === null && (kind === "add" || kind === "replace" ? s.status === "proposed" : s.status === "active"));

/** art. 5.2: announces an intended change to every customer whose services it touches. */
export function AnnounceChangePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const state = useApi(async () => {
    const [register, catalogue] = await Promise.all([
      unwrap(api.GET("/api/v1/subprocessors", { params: { query: {} } })),
      unwrap(api.GET("/api/v1/catalogue")),
    ]);
    return { register, catalogue };
  }, []);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/subprocessors">{t("subprocessors.back")}</Link>
      </p>
      <PageHeader title={t("changes.announceTitle")} subtitle={t("changes.announceIntro")} />
      <Loaded state={state}>
        {({ register, catalogue }) => <AnnounceForm register={register} catalogue={catalogue} preselect={params.get("subprocessorId")} />}
      </Loaded>
    </>
  );
}

function AnnounceForm({ register, catalogue, preselect }: { register: Subprocessor[]; catalogue: Catalogue; preselect: string | null }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const navigate = useNavigate();
  const initial = register.find((s) => s.id === preselect);
  const [kind, setKind] = useState<ChangeKind>(initial?.status === "active" ? "relocate" : "add");
  const [subprocessorId, setSubprocessorId] = useState(initial?.id ?? "");
  const [replacesId, setReplacesId] = useState("");
  const [serviceIds, setServiceIds] = useState<string[]>(initial?.services.map((s) => s.id) ?? []);
  const [locations, setLocations] = useState<LocationBody[]>(initial?.locations.map(({ country, city, mechanism }) => ({ country, city, mechanism })) ?? []);
  const [descriptionNl, setDescriptionNl] = useState("");
  const [descriptionEn, setDescriptionEn] = useState("");
  const [planned, setPlanned] = useState("");

  const options = candidates(kind, register);
  const chosen = register.find((s) => s.id === subprocessorId);
  // A sub-processor that does not fit the kind is unselected; its services and locations seed the form.
  const fits = subprocessorId === "" || options.some((s) => s.id === subprocessorId);
  useEffect(() => {
    if (!fits) {
      setSubprocessorId("");
    }
  }, [fits]);

  function choose(id: string) {
    setSubprocessorId(id);
    const sub = register.find((s) => s.id === id);
    setServiceIds(sub?.services.map((s) => s.id) ?? []);
    setLocations(sub?.locations.map(({ country, city, mechanism }) => ({ country, city, mechanism })) ?? []);
  }

  function announcement(): AnnounceBody {
    const plannedAt = planned ? localToInstant(planned) : null;
    const plan: AnnounceBody["plan"] = kind === "add" || kind === "replace" ? { serviceIds } : kind === "relocate" ? { locations } : {};
    return {
      kind,
      subprocessorId,
      ...(kind === "replace" ? { replacesId: replacesId || null } : {}),
      plan,
      description: { nl: descriptionNl.trim(), en: descriptionEn.trim() },
      plannedEffectiveAt: plannedAt,
    };
  }
  const announce = useAction(() => unwrap(api.POST("/api/v1/subprocessor-changes", { body: announcement() })));
  // What announcing would do, computed by the server without announcing (the same checks).
  const preview = useAction(() => unwrap(api.POST("/api/v1/subprocessor-changes/preview", { body: announcement() })));
  const [reach, setReach] = useState<{ affectedCount: number; windowClosesAt: string } | null>(null);
  async function checkReach() {
    const result = await preview.execute();
    setReach(result.ok ? result.value : null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await announce.execute();
    if (result.ok) {
      void navigate(`/admin/subprocessors/changes/${result.value.id}`, { state: { announced: result.value.affectedCount ?? 0 } });
    }
  }

  const fields = (announce.error ?? preview.error)?.fieldMessages() ?? {};
  const active = register.filter((s) => s.status === "active" && s.id !== subprocessorId);
  return (
    <form noValidate className="card editor" onSubmit={(e) => void submit(e)} data-testid="change-editor">
      <ErrorAlert error={announce.error ?? preview.error} />
      <SelectField<ChangeKind>
        label={t("changes.kind")}
        value={kind}
        onChange={setKind}
        options={KINDS.map((k) => ({ value: k, label: t(`changes.kinds.${k}`) }))}
        hint={t(`changes.kindHints.${kind}`)}
        error={fields.kind}
        testId="change-kind"
      />
      {options.length === 0 ? (
        <Notice tone="warning">{t("changes.noCandidates")}</Notice>
      ) : (
        <SelectField<string>
          label={kind === "replace" ? t("changes.newSubprocessor") : t("changes.subprocessor")}
          value={subprocessorId}
          onChange={choose}
          options={[
            { value: "", label: t("changes.chooseSubprocessor") },
            ...options.map((s) => ({ value: s.id, label: `${s.name} (${t(`subprocessors.statuses.${s.status}`)})` })),
          ]}
          required
          error={fields.subprocessorId}
          testId="change-subprocessor"
        />
      )}
      {kind === "replace" ? (
        <SelectField<string>
          label={t("changes.replaces")}
          value={replacesId}
          onChange={setReplacesId}
          options={[{ value: "", label: t("changes.chooseSubprocessor") }, ...active.map((s) => ({ value: s.id, label: s.name }))]}
          required
          error={fields.replacesId}
          testId="change-replaces"
        />
      ) : null}
      {kind === "add" || kind === "replace" ? (
        <ServicePicker
          services={catalogue.services}
          value={serviceIds}
          onChange={setServiceIds}
          legend={t("changes.services")}
          hint={t("changes.servicesHint")}
          error={fields["plan.serviceIds"]}
          testId="change-services"
        />
      ) : chosen ? (
        <p>
          <strong>{t("changes.services")}:</strong> {chosen.services.map((s) => pick(s.nl, s.en)).join(", ") || t("subprocessors.noServices")}
        </p>
      ) : null}
      {kind === "relocate" ? (
        <>
          <h3>{t("changes.newLocations")}</h3>
          <LocationsEditor value={locations} onChange={setLocations} fields={fields} prefix="plan.locations" />
        </>
      ) : null}
      <div className="grid-2">
        <TextAreaField
          label={t("changes.descriptionNl")}
          value={descriptionNl}
          onChange={setDescriptionNl}
          rows={5}
          required
          hint={t("changes.descriptionHint")}
          error={fields["description.nl"]}
          testId="change-description-nl"
        />
        <TextAreaField
          label={t("changes.descriptionEn")}
          value={descriptionEn}
          onChange={setDescriptionEn}
          rows={5}
          required
          hint={t("changes.descriptionHint")}
          error={fields["description.en"]}
          testId="change-description-en"
        />
      </div>
      <div className={`field${fields.plannedEffectiveAt ? " field-invalid" : ""}`}>
        <label htmlFor="change-planned">{t("changes.planned")}</label>
        <p className="hint">{t("changes.plannedHint")}</p>
        <input
          id="change-planned"
          type="datetime-local"
          value={planned}
          onChange={(e) => setPlanned(e.target.value)}
          data-testid="change-planned"
          aria-invalid={fields.plannedEffectiveAt ? true : undefined}
        />
        {fields.plannedEffectiveAt ? <p className="field-error">{fields.plannedEffectiveAt}</p> : null}
      </div>
      <div className="field">
        <p className="hint">{t("changes.reach")}</p>
        <button type="button" className="btn" disabled={preview.busy || subprocessorId === ""} onClick={() => void checkReach()} data-testid="change-preview">
          {t("changes.previewButton")}
        </button>
        {reach ? (
          <p data-testid="change-preview-result" role="status">
            {t("changes.previewResult", { count: reach.affectedCount, date: formatInstant(reach.windowClosesAt) })}
          </p>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={announce.busy || subprocessorId === ""} data-testid="change-announce">
          {t("changes.announce")}
        </button>
        <Link to="/admin/subprocessors">{t("common.cancel")}</Link>
      </div>
    </form>
  );
}
