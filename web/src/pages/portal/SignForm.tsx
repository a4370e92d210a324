import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useAction } from "../../api/useApi";
import type { Agreement, AgreementDocument } from "../../api/types";
import { CheckboxField, TextField, validLocally } from "../../components/fields";
import { ErrorAlert, Notice } from "../../components/ErrorAlert";

/**
 * art. 12.1: the customer's signature — typed name, function, explicit consent, and the hash of
 * the exact PDF it read. If the document changed since it was opened the server answers 409 and
 * the signer must read the new one.
 */
export function SignForm({
  agreement,
  document,
  onSigned,
  onDocumentChanged,
}: {
  agreement: Agreement;
  document: AgreementDocument;
  onSigned: (signed: Agreement) => void;
  onDocumentChanged: () => void;
}) {
  const { t } = useTranslation();
  const [typedName, setTypedName] = useState("");
  const [role, setRole] = useState("");
  const [consent, setConsent] = useState(false);
  const [changed, setChanged] = useState(false);
  const sign = useAction(() =>
    unwrap(
      api.POST("/api/v1/agreements/{id}/sign", {
        params: { path: { id: agreement.id } },
        body: { typedName: typedName.trim(), function: role.trim(), consent: true, documentSha256: document.sha256 },
      }),
    ),
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    if (!consent) {
      return;
    }
    const result = await sign.execute();
    if (result.ok) {
      onSigned(result.value);
    } else if (result.error.status === 409) {
      setChanged(true);
      setConsent(false);
      sign.clearError();
      onDocumentChanged();
    }
  }

  const fields = sign.error?.fieldMessages() ?? {};
  return (
    <form noValidate className="card sign-form" onSubmit={(e) => void submit(e)} aria-labelledby="sign-heading">
      <h2 id="sign-heading">{t("sign.heading")}</h2>
      {changed ? (
        <Notice tone="warning" testId="sign-document-changed">
          {t("sign.documentChanged")}
        </Notice>
      ) : null}
      <div className="hash-box">
        <p className="hash-label">{t("sign.hashLabel")}</p>
        <p>
          <code className="hash" data-testid="sign-hash">
            {document.sha256}
          </code>
        </p>
      </div>
      <ErrorAlert error={sign.error} testId="sign-error" />
      <TextField
        label={t("sign.name")}
        value={typedName}
        onChange={setTypedName}
        required
        autoComplete="name"
        error={fields.typedName}
        testId="sign-name"
        maxLength={200}
      />
      <TextField
        label={t("sign.function")}
        value={role}
        onChange={setRole}
        required
        autoComplete="organization-title"
        error={fields.function}
        testId="sign-function"
        maxLength={200}
      />
      <CheckboxField
        label={t("sign.consent", { organisation: agreement.controllerName })}
        checked={consent}
        onChange={setConsent}
        required
        error={fields.consent}
        testId="sign-consent"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={sign.busy || !consent} data-testid="sign-submit">
          {sign.busy ? t("sign.signing") : t("sign.submit")}
        </button>
      </div>
      <p className="hint">{t("sign.evidenceNote")}</p>
    </form>
  );
}
