import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useAction } from "../../api/useApi";
import type { Agreement } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField, validLocally } from "../../components/fields";
import { useMe } from "../../session";

/** art. 12.1: the processor's signature; the agreement takes effect on it. */
export function CountersignForm({ agreement, onDone }: { agreement: Agreement; onDone: (signed: Agreement) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [typedName, setTypedName] = useState(me.name);
  const [role, setRole] = useState(me.staffRole ? t(`roles.staff.${me.staffRole}`) : "");
  const sign = useAction(() =>
    unwrap(
      api.POST("/api/v1/agreements/{id}/countersign", { params: { path: { id: agreement.id } }, body: { typedName: typedName.trim(), function: role.trim() } }),
    ),
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await sign.execute();
    if (result.ok) {
      onDone(result.value);
    }
  }

  const fields = sign.error?.fieldMessages() ?? {};
  return (
    <form noValidate className="card sign-form" onSubmit={(e) => void submit(e)} aria-labelledby="countersign-heading">
      <h2 id="countersign-heading">{t("countersign.heading")}</h2>
      <p className="muted">{t("countersign.intro", { customer: agreement.controllerName })}</p>
      <ErrorAlert error={sign.error} testId="countersign-error" />
      <TextField label={t("sign.name")} value={typedName} onChange={setTypedName} required error={fields.typedName} testId="countersign-name" maxLength={200} />
      <TextField label={t("sign.function")} value={role} onChange={setRole} required error={fields.function} testId="countersign-function" maxLength={200} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={sign.busy} data-testid="countersign">
          {t("countersign.submit")}
        </button>
      </div>
    </form>
  );
}
