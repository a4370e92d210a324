import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useAction } from "../../api/useApi";
import { ErrorAlert, Notice } from "../../components/ErrorAlert";
import { TextField, validLocally } from "../../components/fields";
import { PageHeader } from "../../components/PageHeader";
import { QrCode } from "../../components/QrCode";
import { Badge } from "../../components/StatusBadge";
import { useMe, useSession } from "../../session";
import { useStepUp } from "../../components/StepUpDialog";
import { ChangePassword } from "./security/ChangePassword";
import { RecoveryCodes } from "./security/RecoveryCodes";
import { Sessions } from "./security/Sessions";

/**
 * The user's own security: the password (change it), two-factor login with an authenticator app
 * (TOTP: set up, confirm with a first code, recovery codes shown once) and their sessions.
 */
export function SecurityPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh } = useSession();
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState("");
  const [enabledNow, setEnabledNow] = useState(false);
  const [offNow, setOffNow] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [version, setVersion] = useState(0);
  const stepUp = useStepUp();
  const start = useAction(() => unwrap(api.POST("/api/v1/auth/totp/setup")));
  const turnOff = useAction(() => unwrap(api.POST("/api/v1/auth/totp/disable")));
  const enable = useAction(() => unwrap(api.POST("/api/v1/auth/totp/enable", { body: { code } })));

  async function begin() {
    // Setting up again when it is on replaces the factor in use: the server asks for a step-up.
    const result = await stepUp.guarded(() => start.execute());
    if (result.ok) {
      setSetup(result.value);
      setEnabledNow(false);
      setOffNow(false);
      setCode("");
    }
  }

  async function switchOff() {
    if (!window.confirm(t("security.confirmTurnOff"))) {
      return;
    }
    const result = await stepUp.guarded(() => turnOff.execute());
    if (result.ok) {
      setOffNow(true);
      setEnabledNow(false);
      setCodes(null);
      setVersion((v) => v + 1);
      await refresh();
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await enable.execute();
    if (result.ok) {
      setEnabledNow(true);
      setSetup(null);
      setCodes(result.value.codes);
      setVersion((v) => v + 1);
      await refresh();
    }
  }

  const fields = enable.error?.fieldMessages() ?? {};
  return (
    <>
      <PageHeader title={t("security.title")} />
      <ChangePassword onChanged={() => setVersion((v) => v + 1)} />
      <section className="card">
        <h2>{t("security.totp")}</h2>
        <p>
          {t("security.status")}:{" "}
          {me.totpEnabled ? (
            <Badge tone="success" testId="totp-status">
              {t("security.enabled")}
            </Badge>
          ) : (
            <Badge tone="warning" testId="totp-status">
              {t("security.disabled")}
            </Badge>
          )}
        </p>
        {enabledNow ? (
          <Notice tone="success" testId="totp-enabled">
            {t("security.enabledNow")}
          </Notice>
        ) : null}
        {offNow ? (
          <Notice tone="info" testId="totp-off">
            {t("security.turnedOff")}
          </Notice>
        ) : null}
        <p className="muted">{t("security.intro")}</p>
        {stepUp.dialog}
        <ErrorAlert error={start.error} />
        <ErrorAlert error={turnOff.error} />
        {setup ? (
          <form onSubmit={(e) => void confirm(e)} className="form-narrow" noValidate>
            <ol className="steps">
              <li>
                {t("security.scan")}
                <div className="qr-wrap">
                  <QrCode value={setup.uri} label={t("security.qrLabel")} />
                </div>
                <p className="small">
                  {t("security.orEnter")} <code data-testid="totp-secret">{setup.secret}</code>
                </p>
              </li>
              <li>{t("security.enterCode")}</li>
            </ol>
            <ErrorAlert error={enable.error} />
            <TextField
              label={t("security.code")}
              value={code}
              onChange={(v) => setCode(v.replace(/\D/g, "").slice(0, 6))}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              error={fields.code}
              testId="totp-code"
            />
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={enable.busy} data-testid="totp-enable">
                {t("security.enable")}
              </button>
              <button type="button" className="btn btn-link" onClick={() => setSetup(null)}>
                {t("common.cancel")}
              </button>
            </div>
          </form>
        ) : (
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => void begin()} disabled={start.busy} data-testid="totp-setup">
              {me.totpEnabled ? t("security.reset") : t("security.setup")}
            </button>
            {me.totpEnabled ? (
              <button type="button" className="btn btn-danger" onClick={() => void switchOff()} disabled={turnOff.busy} data-testid="totp-disable">
                {t("security.turnOff")}
              </button>
            ) : null}
          </div>
        )}
        {me.totpEnabled && !setup ? <p className="hint">{t("security.resetWarning")}</p> : null}
      </section>
      <RecoveryCodes fresh={codes} version={version} />
      <Sessions version={version} />
    </>
  );
}
