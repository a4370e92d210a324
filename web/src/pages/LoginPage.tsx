import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { api, unwrap } from "../api/client";
import { useAction } from "../api/useApi";
import { AppShell } from "../components/AppShell";
import { ErrorAlert } from "../components/ErrorAlert";
import { TextField, validLocally } from "../components/fields";
import { Spinner } from "../components/Loaded";
import { homeOf, useSession } from "../session";
import { SsoButtons, SsoError } from "./SsoLogin";

/** A "next" that stays inside this app (no open redirect). */
function safeNext(next: string | null): string | null {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : null;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { me, signedIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [totpCode, setTotpCode] = useState("");
  const [needsTotp, setNeedsTotp] = useState(false);
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t("login.title")} · Art28`;
  }, [t]);

  const login = useAction(async () =>
    unwrap(api.POST("/api/v1/auth/login", { body: { email, password, ...(needsTotp ? (recoveryCode !== null ? { recoveryCode } : { totpCode }) : {}) } })),
  );

  if (me === undefined) {
    return <Spinner />;
  }
  if (me) {
    return <Navigate to={safeNext(params.get("next")) ?? homeOf(me)} replace />;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await login.execute();
    if (result.ok) {
      signedIn(result.value);
      void navigate(safeNext(params.get("next")) ?? homeOf(result.value), { replace: true });
    } else if (result.error.code === "totp_required") {
      // The password was right; the account also needs its authenticator code.
      setNeedsTotp(true);
      login.clearError();
    }
  }

  const fields = login.error?.fieldMessages() ?? {};
  return (
    <AppShell area="" nav={[]}>
      <div className="login-box">
        <h1>{t("login.title")}</h1>
        <p className="muted">{t("login.intro")}</p>
        <ErrorAlert error={login.error} testId="login-error" />
        <SsoError code={params.get("sso_error")} />
        <form onSubmit={(e) => void submit(e)} noValidate>
          <TextField
            label={t("login.email")}
            type="email"
            autoComplete="username"
            value={email}
            onChange={setEmail}
            required
            error={fields.email}
            testId="login-email"
            disabled={needsTotp}
          />
          <TextField
            label={t("login.password")}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            required
            error={fields.password}
            testId="login-password"
            disabled={needsTotp}
          />
          {needsTotp ? (
            <>
              <p className="alert alert-info" role="status">
                {t("login.totpNeeded")}
              </p>
              {recoveryCode !== null ? (
                <TextField
                  label={t("accounts.recovery.loginCode")}
                  value={recoveryCode}
                  onChange={setRecoveryCode}
                  autoComplete="one-time-code"
                  maxLength={16}
                  required
                  autoFocus
                  error={fields.recoveryCode}
                  testId="login-recovery"
                />
              ) : (
                <TextField
                  label={t("login.totpCode")}
                  value={totpCode}
                  onChange={(v) => setTotpCode(v.replace(/\D/g, "").slice(0, 6))}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9]{6}"
                  maxLength={6}
                  required
                  autoFocus
                  error={fields.totpCode}
                  testId="login-totp"
                />
              )}
              <button
                type="button"
                className="btn btn-link"
                onClick={() => setRecoveryCode(recoveryCode === null ? "" : null)}
                data-testid="login-use-recovery"
              >
                {recoveryCode === null ? t("accounts.recovery.login") : t("accounts.recovery.useApp")}
              </button>
            </>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={login.busy} data-testid="login-submit">
              {needsTotp ? t("login.verify") : t("login.submit")}
            </button>
            {needsTotp ? (
              <button
                type="button"
                className="btn btn-link"
                onClick={() => {
                  setNeedsTotp(false);
                  setTotpCode("");
                  setRecoveryCode(null);
                  login.clearError();
                }}
              >
                {t("login.back")}
              </button>
            ) : null}
          </div>
        </form>
        <p>
          <Link to="/forgot-password" data-testid="login-forgot">
            {t("accounts.forgot.link")}
          </Link>
        </p>
        <SsoButtons next={safeNext(params.get("next"))} />
      </div>
    </AppShell>
  );
}
