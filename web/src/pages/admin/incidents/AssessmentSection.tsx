import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import type { AssessmentBody, Incident, Risk } from "../../../api/types";
import { DecisionBadge } from "../../../components/breaches/badges";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { CheckboxField, SelectField, TextAreaField, validLocally } from "../../../components/fields";
import { formatInstant } from "../../../lib/format";

const RISKS: readonly Risk[] = ["none", "unlikely", "risk", "high"];

/**
 * art. 6.1: is it a breach ("only when a leak really happened"), of personal data, touching
 * confidentiality, integrity or availability, with what risk — and the decision to notify, with
 * its reasoning. A revision is a new assessment; every earlier one stays in the history.
 */
export function AssessmentSection({ incident, writer, onChanged }: { incident: Incident; writer: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const latest = incident.assessments[0];
  const [open, setOpen] = useState(latest === undefined);
  return (
    <section className="card" aria-labelledby="assessment-heading">
      <div className="section-head">
        <h2 id="assessment-heading">{t("incidents.assessment.title")}</h2>
        {writer && latest && !open ? (
          <button type="button" className="btn btn-small" onClick={() => setOpen(true)} data-testid="assessment-revise">
            {t("incidents.assessment.revise")}
          </button>
        ) : null}
      </div>
      <p className="hint">{t("incidents.assessment.intro")}</p>
      {latest === undefined && !writer ? <p className="muted">{t("incidents.assessment.none")}</p> : null}
      {writer && open ? (
        <AssessmentForm
          incident={incident}
          onCancel={latest ? () => setOpen(false) : undefined}
          onSaved={() => {
            setOpen(false);
            onChanged();
          }}
        />
      ) : null}
      {incident.assessments.length > 0 ? (
        <>
          <h3>{t("incidents.assessment.history")}</h3>
          <div className="table-wrap">
            <table className="table table-compact" data-testid="assessments-table">
              <thead>
                <tr>
                  <th scope="col">{t("incidents.assessment.revision")}</th>
                  <th scope="col">{t("incidents.decision")}</th>
                  <th scope="col">{t("incidents.assessment.findings")}</th>
                  <th scope="col">{t("incidents.assessment.reasoning")}</th>
                  <th scope="col">{t("incidents.assessment.who")}</th>
                  <th scope="col">{t("incidents.assessment.when")}</th>
                </tr>
              </thead>
              <tbody>
                {incident.assessments.map((a) => (
                  <tr key={a.id} data-testid="assessment-row" data-revision={a.revision} data-decision={a.decision}>
                    <td className="num">{a.revision}</td>
                    <td>
                      <DecisionBadge decision={a.decision} />
                    </td>
                    <td className="small">
                      {[
                        a.personalData ? t("incidents.assessment.personalDataYes") : t("incidents.assessment.personalDataNo"),
                        a.breach ? t("incidents.assessment.breachYes") : t("incidents.assessment.breachNo"),
                        [
                          a.confidentiality && t("incidents.assessment.confidentiality"),
                          a.integrity && t("incidents.assessment.integrity"),
                          a.availability && t("incidents.assessment.availability"),
                        ]
                          .filter(Boolean)
                          .join(", ") || t("incidents.assessment.noCia"),
                        t(`incidents.risks.${a.risk}`),
                      ].join(" · ")}
                    </td>
                    <td className="prewrap">{a.reasoning}</td>
                    <td className="small">{a.decidedBy}</td>
                    <td className="small nowrap">{formatInstant(a.decidedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

function AssessmentForm({ incident, onSaved, onCancel }: { incident: Incident; onSaved: () => void; onCancel: (() => void) | undefined }) {
  const { t } = useTranslation();
  const latest = incident.assessments[0];
  const [personalData, setPersonalData] = useState(latest?.personalData ?? false);
  const [breach, setBreach] = useState(latest?.breach ?? false);
  const [confidentiality, setConfidentiality] = useState(latest?.confidentiality ?? false);
  const [integrity, setIntegrity] = useState(latest?.integrity ?? false);
  const [availability, setAvailability] = useState(latest?.availability ?? false);
  const [risk, setRisk] = useState<Risk>(latest?.risk ?? "risk");
  const [decision, setDecision] = useState<AssessmentBody["decision"] | "">(latest?.decision ?? "");
  const [reasoning, setReasoning] = useState("");
  const save = useAction((body: AssessmentBody) => unwrap(api.POST("/api/v1/incidents/{id}/assessments", { params: { path: { id: incident.id } }, body })));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    if (decision === "") {
      return;
    }
    const result = await save.execute({ personalData, breach, confidentiality, integrity, availability, risk, decision, reasoning: reasoning.trim() });
    if (result.ok) {
      onSaved();
    }
  }
  const fields = save.error?.fieldMessages() ?? {};
  const placed = ["personalData", "breach", "confidentiality", "integrity", "availability", "risk", "decision", "reasoning"];
  const notifyWithoutBreach = decision === "notify" && !(personalData && breach);
  return (
    <form noValidate className="editor-inline" onSubmit={(e) => void submit(e)} data-testid="assessment-form">
      <ErrorAlert error={save.error && !placed.some((k) => fields[k]) ? save.error : undefined} />
      <div className="grid-2">
        <div>
          <CheckboxField
            label={t("incidents.assessment.personalData")}
            checked={personalData}
            onChange={setPersonalData}
            error={fields.personalData}
            testId="assessment-personal-data"
          />
          <CheckboxField
            label={t("incidents.assessment.breach")}
            hint={t("incidents.assessment.breachHint")}
            checked={breach}
            onChange={setBreach}
            error={fields.breach}
            testId="assessment-breach"
          />
        </div>
        <fieldset className="checklist">
          <legend>{t("incidents.assessment.cia")}</legend>
          <CheckboxField
            label={t("incidents.assessment.confidentiality")}
            hint={t("incidents.assessment.confidentialityHint")}
            checked={confidentiality}
            onChange={setConfidentiality}
            testId="assessment-confidentiality"
          />
          <CheckboxField
            label={t("incidents.assessment.integrity")}
            hint={t("incidents.assessment.integrityHint")}
            checked={integrity}
            onChange={setIntegrity}
            testId="assessment-integrity"
          />
          <CheckboxField
            label={t("incidents.assessment.availability")}
            hint={t("incidents.assessment.availabilityHint")}
            checked={availability}
            onChange={setAvailability}
            testId="assessment-availability"
          />
        </fieldset>
      </div>
      <div className="grid-2">
        <SelectField<Risk>
          label={t("incidents.assessment.risk")}
          value={risk}
          onChange={setRisk}
          options={RISKS.map((r) => ({ value: r, label: t(`incidents.risks.${r}`) }))}
          error={fields.risk}
          testId="assessment-risk"
        />
        <SelectField<AssessmentBody["decision"] | "">
          label={t("incidents.decision")}
          value={decision}
          onChange={setDecision}
          options={[
            { value: "", label: t("incidents.assessment.chooseDecision") },
            { value: "notify", label: t("incidents.assessment.notify") },
            { value: "no_notify", label: t("incidents.assessment.noNotify") },
          ]}
          required
          hint={notifyWithoutBreach ? t("incidents.assessment.notifyNeedsBreach") : undefined}
          error={fields.decision}
          testId="assessment-decision"
        />
      </div>
      <TextAreaField
        label={t("incidents.assessment.reasoning")}
        hint={t("incidents.assessment.reasoningHint")}
        value={reasoning}
        onChange={setReasoning}
        rows={3}
        required
        error={fields.reasoning}
        testId="assessment-reasoning"
      />
      {latest ? <Notice tone="info">{t("incidents.assessment.revisionNote", { revision: latest.revision + 1 })}</Notice> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.busy || decision === ""} data-testid="assessment-save">
          {latest ? t("incidents.assessment.saveRevision") : t("incidents.assessment.save")}
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
