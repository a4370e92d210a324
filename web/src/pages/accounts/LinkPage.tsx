import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { useAction, useApi } from "../../api/useApi";
import { AppShell } from "../../components/AppShell";
import { ErrorAlert, Notice } from "../../components/ErrorAlert";
import { Spinner } from "../../components/Loaded";
import { formatInstant } from "../../lib/format";
import { homeOf, useSession } from "../../session";
import { NewPasswordField } from "./NewPasswordField";
import { validLocally } from "../../components/fields";

/**
 * The page a link from an e-mail opens: an invitation (/invite/:secret: choose a first password, then
 * logged in) or a password reset (/reset-password/:secret: choose a new one, every session ends).
 */
export function LinkPage({ purpose }: { purpose: "invitation" | "password_reset" }) {
  const { t } = useTranslation();
  const { secret = "" } = useParams();
  const navigate = useNavigate();
  const { refresh, me } = useSession();
  const [password, setPassword] = useState("");
  const [done, setDone] = useState(false);
  const words = purpose === "invitation" ? "invite" : "reset";
  const info = useApi(() => unwrap(api.POST("/api/v1/auth/links/inspect", { body: { secret, purpose } })), [secret, purpose]);
  const accept = useAction(() => unwrap(api.POST("/api/v1/auth/invitations/accept", { body: { secret, password } })));
  const reset = useAction(() => unwrap(api.POST("/api/v1/auth/password-reset/confirm", { body: { secret, password } })));
  const action = purpose === "invitation" ? accept : reset;

  useEffect(() => {
    document.title = `${t(`accounts.${words}.title`)} · Art28`;
  }, [t, words]);
  useEffect(() => {
    // Logged in through the invitation: on to the user's home.
    if (done && me && purpose === "invitation") {
      void navigate(homeOf(me), { replace: true });
    }
  }, [done, me, purpose, navigate]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await action.execute();
    if (result.ok) {
      setDone(true);
      if (purpose === "invitation") {
        await refresh();
      }
    }
  }

  const fields = action.error?.fieldMessages() ?? {};
  let body;
  if (info.loading) {
    body = <Spinner />;
  } else if (!info.data) {
    body = (
      <>
        <Notice tone="warning" testId="link-unusable">
          {t(`accounts.${words}.unusable`)}
        </Notice>
        {purpose === "password_reset" ? <Link to="/forgot-password">{t("accounts.reset.again")}</Link> : null}
      </>
    );
  } else if (done && purpose === "password_reset") {
    body = (
      <>
        <Notice tone="success" testId="reset-done">
          {t("accounts.reset.done")}
        </Notice>
        <Link to="/login" className="btn btn-primary" data-testid="reset-login">
          {t("accounts.reset.login")}
        </Link>
      </>
    );
  } else {
    const { name, email, expiresAt } = info.data;
    body = (
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>{t(`accounts.${words}.intro`, { name, email })}</p>
        <p className="muted small">{t("accounts.invite.expires", { at: formatInstant(expiresAt) })}</p>
        <ErrorAlert error={action.error && Object.keys(fields).length === 0 ? action.error : undefined} testId="link-error" />
        {/* The address as a username field, so a password manager saves the new password under it. */}
        <input type="email" value={email} autoComplete="username" readOnly hidden />
        <NewPasswordField
          label={t(`accounts.${words}.password`)}
          value={password}
          onChange={setPassword}
          personal={[name, email]}
          error={fields.password ?? fields.secret}
          testId="new-password"
          autoFocus
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={action.busy} data-testid="link-submit">
            {t(`accounts.${words}.submit`)}
          </button>
        </div>
      </form>
    );
  }
  return (
    <AppShell area="" nav={[]}>
      <div className="login-box">
        <h1>{t(`accounts.${words}.title`)}</h1>
        {body}
      </div>
    </AppShell>
  );
}
