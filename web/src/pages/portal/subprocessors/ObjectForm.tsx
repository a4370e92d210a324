import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { TextAreaField } from "../../../components/fields";

/** art. 5.2: a written, reasoned objection. The server judges the reason; its message shows under the field. */
export function ObjectForm({ changeId, onObjected }: { changeId: string; onObjected: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const submit = useAction(() => unwrap(api.POST("/api/v1/subprocessor-changes/{id}/objections", { params: { path: { id: changeId } }, body: { reason } })));
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await submit.execute();
    if (result.ok) {
      onObjected();
    }
  }
  const fields = submit.error?.fieldMessages() ?? {};
  return (
    <section className="card card-warning" aria-labelledby="object-heading">
      <h2 id="object-heading">{t("objections.object")}</h2>
      {/* noValidate: the server's reason rules (art. 5.2) give the message, in the user's language. */}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="form-narrow" data-testid="object-form">
        <ErrorAlert error={submit.error && !fields.reason ? submit.error : undefined} />
        <TextAreaField
          label={t("objections.reason")}
          value={reason}
          onChange={setReason}
          rows={6}
          required
          hint={t("objections.reasonHint")}
          error={fields.reason}
          testId="objection-reason-input"
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy} data-testid="objection-submit">
            {t("objections.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
