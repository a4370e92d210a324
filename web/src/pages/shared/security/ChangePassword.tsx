import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { TextField, validLocally } from "../../../components/fields";
import { useMe } from "../../../session";
import { NewPasswordField } from "../../accounts/NewPasswordField";

/** Change the password, knowing the current one; the user's other sessions end. */
export function ChangePassword({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [ended, setEnded] = useState<number | null>(null);
  const change = useAction(() => unwrap(api.POST("/api/v1/auth/password", { body: { currentPassword: current, newPassword: next } })));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    setEnded(null);
    const result = await change.execute();
    if (result.ok) {
      setEnded(result.value.sessionsEnded);
      setCurrent("");
      setNext("");
      onChanged();
    }
  }

  const fields = change.error?.fieldMessages() ?? {};
  return (
    <section className="card">
      <h2>{t("accounts.change.title")}</h2>
      {ended !== null ? (
        <Notice tone="success" testId="password-changed">
          {t("accounts.change.done", { count: ended })}
        </Notice>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate className="form-narrow">
        <ErrorAlert error={change.error && Object.keys(fields).length === 0 ? change.error : undefined} />
        <input type="email" value={me.email} autoComplete="username" readOnly hidden />
        <TextField
          label={t("accounts.change.current")}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          required
          error={fields.currentPassword}
          testId="current-password"
        />
        <NewPasswordField
          label={t("accounts.change.next")}
          value={next}
          onChange={setNext}
          personal={[me.name, me.email]}
          error={fields.newPassword}
          testId="change-new-password"
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={change.busy} data-testid="change-password-submit">
            {t("accounts.change.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
