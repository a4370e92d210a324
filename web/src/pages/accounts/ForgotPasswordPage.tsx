import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { useAction } from "../../api/useApi";
import { AppShell } from "../../components/AppShell";
import { ErrorAlert, Notice } from "../../components/ErrorAlert";
import { TextField, validLocally } from "../../components/fields";

/** Forgot password: the same answer whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const request = useAction(() => unwrap(api.POST("/api/v1/auth/password-reset", { body: { email } })));

  useEffect(() => {
    document.title = `${t("accounts.forgot.title")} · Art28`;
  }, [t]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await request.execute();
    if (result.ok) {
      setSent(result.value.message);
    }
  }

  const fields = request.error?.fieldMessages() ?? {};
  return (
    <AppShell area="" nav={[]}>
      <div className="login-box">
        <h1>{t("accounts.forgot.title")}</h1>
        {sent ? (
          <Notice tone="success" testId="forgot-sent">
            {sent}
          </Notice>
        ) : (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <p className="muted">{t("accounts.forgot.intro")}</p>
            <ErrorAlert error={request.error && Object.keys(fields).length === 0 ? request.error : undefined} testId="forgot-error" />
            <TextField
              label={t("accounts.forgot.email")}
              type="email"
              autoComplete="username"
              value={email}
              onChange={setEmail}
              required
              error={fields.email}
              testId="forgot-email"
              autoFocus
            />
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={request.busy} data-testid="forgot-submit">
                {t("accounts.forgot.submit")}
              </button>
            </div>
          </form>
        )}
        <p>
          <Link to="/login">{t("accounts.forgot.back")}</Link>
        </p>
      </div>
    </AppShell>
  );
}
