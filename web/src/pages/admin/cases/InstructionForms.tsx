import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import type { CaseDetail } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { SelectField, TextAreaField, TextField, submitWith } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { useLang } from "../../../lib/useLang";

const OWN = "";

/**
 * Accept a written instruction (art. 1.2): the purpose goes into the customer's Annex 1, either as
 * a purpose of the catalogue or in the customer's own words in both languages.
 */
export function InstructionAcceptForm({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const catalogue = useApi(() => unwrap(api.GET("/api/v1/catalogue")), []);
  const asked = typeof detail.request.purpose === "string" ? detail.request.purpose : "";
  const [termCode, setTermCode] = useState(OWN);
  const [labelNl, setLabelNl] = useState(asked);
  const [labelEn, setLabelEn] = useState("");
  const [note, setNote] = useState("");
  const send = useAction(() =>
    unwrap(
      api.POST("/api/v1/cases/{id}/instruction/accept", {
        params: { path: { id: detail.id } },
        body: termCode === OWN ? { note, labelNl, labelEn } : { note, termCode },
      }),
    ),
  );
  const fields = send.error?.fieldMessages() ?? {};
  const submit = submitWith(send, onDone);
  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="instruction-accept-form" aria-label={t("cases.instruction.acceptTitle")}>
      <h2>{t("cases.instruction.acceptTitle")}</h2>
      <p className="hint">{t("cases.instruction.acceptIntro")}</p>
      <ErrorAlert error={send.error && Object.keys(fields).length === 0 ? send.error : undefined} />
      <Loaded state={catalogue}>
        {({ purposes }) => (
          <SelectField
            label={t("cases.instruction.purpose")}
            value={termCode}
            onChange={setTermCode}
            options={[{ value: OWN, label: t("cases.instruction.ownPurpose") }, ...purposes.map((p) => ({ value: p.code, label: pick(p.labelNl, p.labelEn) }))]}
            error={fields.termCode}
            testId="instruction-term"
          />
        )}
      </Loaded>
      {termCode === OWN ? (
        <>
          <TextField
            label={t("cases.instruction.labelNl")}
            value={labelNl}
            onChange={setLabelNl}
            required
            maxLength={200}
            error={fields.labelNl}
            testId="instruction-label-nl"
          />
          <TextField
            label={t("cases.instruction.labelEn")}
            value={labelEn}
            onChange={setLabelEn}
            required
            maxLength={200}
            error={fields.labelEn}
            testId="instruction-label-en"
          />
        </>
      ) : null}
      <TextAreaField
        label={t("cases.instruction.note")}
        value={note}
        onChange={setNote}
        required
        rows={4}
        error={fields.note}
        testId="instruction-accept-note"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={send.busy} data-testid="instruction-accept-submit">
          {t("cases.instruction.accept")}
        </button>
      </div>
    </form>
  );
}

/** Warn that an instruction would infringe the GDPR or other law (GDPR art. 28(3)): it is not carried out. */
export function InstructionWarningForm({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const { t } = useTranslation();
  const [reasoning, setReasoning] = useState("");
  const [provision, setProvision] = useState("");
  const send = useAction(() =>
    unwrap(
      api.POST("/api/v1/cases/{id}/instruction/warning", {
        params: { path: { id: detail.id } },
        body: { reasoning, ...(provision.trim() === "" ? {} : { provision }) },
      }),
    ),
  );
  const fields = send.error?.fieldMessages() ?? {};
  const submit = submitWith(send, onDone);
  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="instruction-warning-form" aria-label={t("cases.instruction.warnTitle")}>
      <h2>{t("cases.instruction.warnTitle")}</h2>
      <p className="hint">{t("cases.instruction.warnIntro")}</p>
      <ErrorAlert error={send.error && Object.keys(fields).length === 0 ? send.error : undefined} />
      <TextField
        label={t("cases.instruction.provision")}
        hint={t("cases.instruction.provisionHint")}
        value={provision}
        onChange={setProvision}
        maxLength={300}
        error={fields.provision}
        testId="instruction-provision"
      />
      <TextAreaField
        label={t("cases.instruction.reasoning")}
        value={reasoning}
        onChange={setReasoning}
        required
        rows={5}
        error={fields.reasoning}
        testId="instruction-reasoning"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-danger" disabled={send.busy} data-testid="instruction-warning-submit">
          {t("cases.instruction.warn")}
        </button>
      </div>
    </form>
  );
}
