import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import type { FactsBody, Incident } from "../../../api/types";
import { FactsList } from "../../../components/breaches/FactsList";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { SETTABLE_FACT_KEYS } from "../../../lib/breach-facts";
import { useLang } from "../../../lib/useLang";
import { draftFromFacts, factsFromDraft, sameDraft, serverFactErrors, type FactErrors, type FactsDraft } from "./facts-form";
import { FactsEditor } from "./FactsEditor";

/**
 * art. 6.2: the facts every affected customer's notice shares, written once. Each must be known or
 * said to be not yet known; the server's one check says what is missing, and how many customers'
 * notices (their own facts included) are complete. Saving never sends.
 */
export function NoticeSection({
  incident,
  writer,
  onSaved,
  onDirty,
}: {
  incident: Incident;
  writer: boolean;
  onSaved: (next: Incident) => void;
  onDirty: (dirty: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="notice-heading" data-testid="notice-facts">
      <h2 id="notice-heading">{t("incidents.notice.title")}</h2>
      <p className="hint">{t("incidents.notice.intro")}</p>
      <CheckSummary incident={incident} />
      {writer ? <SharedFactsForm incident={incident} onSaved={onSaved} onDirty={onDirty} /> : <FactsList facts={incident.facts} />}
    </section>
  );
}

function CheckSummary({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const check = incident.sharedCheck;
  return (
    <div
      className={`alert ${check.complete ? "alert-success" : "alert-warning"}`}
      data-testid="facts-check"
      data-complete={check.complete ? "true" : "false"}
      role="status"
    >
      <p>
        <strong>{check.complete ? t("incidents.notice.complete") : t("incidents.notice.incomplete")}</strong>
      </p>
      {check.missing.length > 0 ? (
        <p>
          {t("incidents.notice.missing")} {check.missing.map((m) => m.label[lang]).join("; ")}
        </p>
      ) : null}
      {check.invalid.length > 0 ? (
        <ul className="compact-list">
          {check.invalid.map((i) => (
            <li key={`${i.key}-${i.field ?? ""}`}>
              {t(`breaches.factsShort.${i.key}`)}: {i.message[lang]}
            </li>
          ))}
        </ul>
      ) : null}
      {check.unknown.length > 0 ? (
        <p>
          {t("incidents.notice.unknown")} {check.unknown.map((k) => t(`breaches.factsShort.${k}`)).join(", ")}
        </p>
      ) : null}
      <p data-testid="facts-ready">
        {incident.affected > 0 ? t("incidents.notice.ready", { ready: incident.ready, total: incident.affected }) : t("incidents.notice.noCustomers")}
      </p>
    </div>
  );
}

function SharedFactsForm({ incident, onSaved, onDirty }: { incident: Incident; onSaved: (next: Incident) => void; onDirty: (dirty: boolean) => void }) {
  const { t } = useTranslation();
  const baseline = draftFromFacts(incident.facts);
  const [draft, setDraft] = useState<FactsDraft>(baseline);
  const [local, setLocal] = useState<FactErrors>({});
  const [saved, setSaved] = useState(false);
  // The incident's facts can change underneath (a corrected period): take them over unless edited here.
  const previous = useRef(baseline);
  const factsKey = JSON.stringify(incident.facts);
  useEffect(() => {
    const next = draftFromFacts(incident.facts);
    setDraft((current) => (sameDraft(current, previous.current) ? next : current));
    previous.current = next;
    // factsKey stands for incident.facts
  }, [factsKey]);
  const dirty = !sameDraft(draft, baseline);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const save = useAction((body: FactsBody) => unwrap(api.PUT("/api/v1/incidents/{id}/facts", { params: { path: { id: incident.id } }, body })));
  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const { body, errors } = factsFromDraft(draft, t, incident.facts);
    setLocal(errors);
    if (Object.keys(errors).length > 0) {
      return;
    }
    const result = await save.execute(body);
    if (result.ok) {
      const next = draftFromFacts(result.value.facts);
      previous.current = next;
      setDraft(next);
      setSaved(true);
      onSaved(result.value);
    }
  }
  const serverErrors = serverFactErrors(save.error?.fieldMessages() ?? {});
  const errors: FactErrors = { ...serverErrors, ...local };
  const discovered = incident.facts.discoveredAt;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ErrorAlert error={save.error && Object.keys(serverErrors).length === 0 ? save.error : undefined} />
      {Object.keys(local).length > 0 ? <Notice tone="warning">{t("incidents.notice.fixFirst")}</Notice> : null}
      <FactsEditor
        draft={draft}
        onChange={(next) => {
          setSaved(false);
          setDraft(next);
        }}
        errors={errors}
        scope="shared"
        keys={SETTABLE_FACT_KEYS}
        {...(discovered?.status === "known" ? { discoveredAt: discovered.value } : {})}
      />
      <div className="form-actions sticky-actions">
        <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="facts-save">
          {t("incidents.notice.save")}
        </button>
        {dirty ? (
          <span className="unsaved" data-testid="facts-dirty">
            {t("incidents.notice.unsaved")}
          </span>
        ) : saved ? (
          <span className="saved" role="status" data-testid="facts-saved">
            {t("incidents.notice.saved")}
          </span>
        ) : null}
      </div>
    </form>
  );
}
