import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useAction } from "../../api/useApi";
import { ErrorAlert, Notice } from "../../components/ErrorAlert";
import { TextField } from "../../components/fields";
import { PageHeader } from "../../components/PageHeader";
import { QrCode } from "../../components/QrCode";
import { Badge } from "../../components/StatusBadge";
import { useMe, useSession } from "../../session";

/** Two-factor login with an authenticator app (TOTP): set up, then confirm with a first code. */
export function SecurityPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh } = useSession();
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState("");
  const [enabledNow, setEnabledNow] = useState(false);
  const start = useAction(() => unwrap(api.POST("/api/v1/auth/totp/setup")));
  const enable = useAction(() => unwrap(api.POST("/api/v1/auth/totp/enable", { body: { code } })));

  async function begin() {
    const result = await start.execute();
    if (result.ok) {
      setSetup(result.value);
      setEnabledNow(false);
      setCode("");
      // Starting over switches the old code off until the new one is confirmed.
      await refresh();
    }
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    const result = await enable.execute();
    if (result.ok) {
      setEnabledNow(true);
      setSetup(null);
      await refresh();
    }
  }

  const fields = enable.error?.fieldMessages() ?? {};
  return (
    <>
      <PageHeader title={t("security.title")} />
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
        <p className="muted">{t("security.intro")}</p>
        <ErrorAlert error={start.error} />
        {setup ? (
          <form onSubmit={(e) => void confirm(e)} className="form-narrow">
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
          <button type="button" className="btn" onClick={() => void begin()} disabled={start.busy} data-testid="totp-setup">
            {me.totpEnabled ? t("security.reset") : t("security.setup")}
          </button>
        )}
        {me.totpEnabled && !setup ? <p className="hint">{t("security.resetWarning")}</p> : null}
      </section>
    </>
  );
}
