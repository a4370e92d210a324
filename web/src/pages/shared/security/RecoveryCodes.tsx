import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { Loaded } from "../../../components/Loaded";
import { useStepUp } from "../../../components/StepUpDialog";

/** The codes as just made: shown once, with the warning to keep them. */
export function FreshCodes({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <div data-testid="recovery-codes">
      <Notice tone="warning">{t("accounts.recovery.shownOnce")}</Notice>
      <ul className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** How many recovery codes are left; new ones after a step-up (the old ones stop working). */
export function RecoveryCodes({ fresh, version }: { fresh: readonly string[] | null; version: number }) {
  const { t } = useTranslation();
  const [made, setMade] = useState<string[] | null>(null);
  // The security page itself reports a return from a step-up at the issuer.
  const stepUp = useStepUp({ reportsSsoOutcome: false });
  const state = useApi(() => unwrap(api.GET("/api/v1/auth/recovery-codes")), [version, made]);
  const regenerate = useAction(() => unwrap(api.POST("/api/v1/auth/recovery-codes")));

  async function makeNew() {
    if (!window.confirm(t("accounts.recovery.confirmRegenerate"))) {
      return;
    }
    const result = await stepUp.guarded(() => regenerate.execute());
    if (result.ok) {
      setMade(result.value.codes);
    }
  }

  const shown = made ?? fresh;
  return (
    <section className="card">
      <h2>{t("accounts.recovery.title")}</h2>
      <p className="muted">{t("accounts.recovery.intro")}</p>
      {stepUp.dialog}
      <ErrorAlert error={regenerate.error} />
      {shown ? <FreshCodes codes={shown} /> : null}
      <Loaded state={state}>
        {(info) =>
          info.totpEnabled ? (
            <>
              <p data-testid="recovery-left">{t("accounts.recovery.left", { count: info.left })}</p>
              <div className="form-actions">
                <button type="button" className="btn" onClick={() => void makeNew()} disabled={regenerate.busy} data-testid="recovery-regenerate">
                  {t("accounts.recovery.regenerate")}
                </button>
              </div>
            </>
          ) : (
            <p className="muted">{t("accounts.recovery.offline")}</p>
          )
        }
      </Loaded>
    </section>
  );
}
