import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import type { AffectedCustomer, FactsBody, Incident } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { SETTABLE_FACT_KEYS, type SettableFactKey } from "../../../lib/breach-facts";
import { draftFromFacts, factsFromDraft, serverFactErrors, type FactErrors } from "./facts-form";
import { FactsEditor } from "./FactsEditor";

/** The facts that usually differ per customer (its own counts and kinds of data); the rest fold away. */
const TYPICAL: readonly SettableFactKey[] = ["affectedCount", "dataKinds", "subjectGroup"];
const OTHERS = SETTABLE_FACT_KEYS.filter((k) => !TYPICAL.includes(k));

/** One customer's own facts over the shared ones: each one set replaces the shared fact in its notice only. */
export function CustomerFactsEditor({
  incident,
  customer,
  onSaved,
  onCancel,
}: {
  incident: Incident;
  customer: AffectedCustomer;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftFromFacts(customer.ownFacts));
  const [local, setLocal] = useState<FactErrors>({});
  const save = useAction((body: FactsBody) =>
    unwrap(
      api.PUT("/api/v1/incidents/{id}/customers/{controllerId}/facts", { params: { path: { id: incident.id, controllerId: customer.controllerId } }, body }),
    ),
  );
  async function submit(event: FormEvent) {
    event.preventDefault();
    const { body, errors } = factsFromDraft(draft, t, customer.ownFacts);
    setLocal(errors);
    if (Object.keys(errors).length > 0) {
      return;
    }
    const result = await save.execute(body);
    if (result.ok) {
      onSaved();
    }
  }
  const errors: FactErrors = { ...serverFactErrors(save.error?.fieldMessages() ?? {}), ...local };
  const othersSet = OTHERS.filter((k) => draft[k].mode !== "empty").length;
  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="own-facts-editor" aria-label={t("incidents.ownFactsOf", { name: customer.name })}>
      <h3 className="inline-title">{t("incidents.ownFactsOf", { name: customer.name })}</h3>
      <p className="hint">{t("incidents.ownFactsIntro")}</p>
      <ErrorAlert error={save.error && Object.keys(serverFactErrors(save.error.fieldMessages())).length === 0 ? save.error : undefined} />
      <FactsEditor draft={draft} onChange={setDraft} errors={errors} scope="customer" keys={TYPICAL} shared={incident.facts} />
      <details open={othersSet > 0}>
        <summary>{t("incidents.otherFacts", { count: othersSet })}</summary>
        <FactsEditor draft={draft} onChange={setDraft} errors={errors} scope="customer" keys={OTHERS} shared={incident.facts} />
      </details>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="own-facts-save">
          {t("incidents.saveOwnFacts")}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
