import { useCallback, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useSearchParams } from "react-router";
import { isSsoError } from "../../../src/domain/sso-errors.ts";
import { api, unwrap } from "../api/client";
import type { ActionResult } from "../api/useApi";
import { useAction } from "../api/useApi";
import { useMe } from "../session";
import { ErrorAlert } from "./ErrorAlert";
import { TextField, validLocally } from "./fields";

/**
 * Sensitive changes (API tokens, webhook endpoints, two-step verification) need recent proof of
 * identity: the server answers `step_up_required`, and this asks for the password (and the code,
 * when two-step verification is on), proves it (POST /auth/step-up, valid ten minutes) and runs
 * the change again. A user without a password (single sign-on only) confirms at its issuer instead:
 * GET /auth/oidc/start?stepUp=1 sends it there to log in again and back to this page with
 * `?stepped_up=1` (and `sso_error=<code>` when refused), which the hook's `dialog` then reports; the
 * change is made again by hand, as the page's state did not survive the trip.
 */
export function useStepUp(
  /** Whether `dialog` also reports a step-up at the issuer on return (once per page: false for a second user of the hook there). */
  options: { reportsSsoOutcome?: boolean } = {},
): { guarded: <R>(action: () => Promise<ActionResult<R>>) => Promise<ActionResult<R>>; dialog: ReactNode } {
  const [pending, setPending] = useState<((proven: boolean) => void) | null>(null);
  const guarded = useCallback(async <R,>(action: () => Promise<ActionResult<R>>): Promise<ActionResult<R>> => {
    const first = await action();
    if (first.ok || first.error.code !== "step_up_required") {
      return first;
    }
    const proven = await new Promise<boolean>((resolve) => setPending(() => resolve));
    return proven ? action() : first;
  }, []);
  const dialog = pending ? (
    <StepUpDialog
      onDone={(proven) => {
        pending(proven);
        setPending(null);
      }}
    />
  ) : options.reportsSsoOutcome === false ? null : (
    <SsoStepUpOutcome />
  );
  return { guarded, dialog };
}

/** After a step-up at the issuer: back on the page, whether it worked (and why not). */
function SsoStepUpOutcome() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  if (params.get("stepped_up") !== "1") {
    return null;
  }
  const code = params.get("sso_error");
  const dismiss = () => {
    const next = new URLSearchParams(params);
    next.delete("stepped_up");
    next.delete("sso_error");
    setParams(next, { replace: true });
  };
  return (
    <div className={`alert ${code ? "alert-error" : "alert-success"}`} role={code ? "alert" : "status"} data-testid="step-up-outcome">
      {code ? (
        <>
          <strong>{t("stepUp.ssoRefused")}</strong>
          <br />
          {t(`sso.error.${isSsoError(code) ? code : "failed"}`)}
        </>
      ) : (
        t("stepUp.ssoDone")
      )}{" "}
      <button type="button" className="btn btn-link" onClick={dismiss}>
        {t("common.close")}
      </button>
    </div>
  );
}

/** The issuer's step-up for a user without a password: there and back to this page. */
function SsoStepUp({ provider, onCancel }: { provider: "customer" | "staff"; onCancel: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const back = new URLSearchParams(location.search);
  back.delete("sso_error");
  back.set("stepped_up", "1");
  const returnTo = `${location.pathname}?${back.toString()}`;
  const href = `/api/v1/auth/oidc/start?${new URLSearchParams({ provider, stepUp: "1", returnTo }).toString()}`;
  const issuer = t(`stepUp.issuer.${provider}`);
  return (
    <div className="card step-up" role="dialog" aria-modal="false" aria-labelledby="step-up-title" data-testid="step-up">
      <h2 id="step-up-title">{t("stepUp.title")}</h2>
      <p>{t("stepUp.ssoIntro", { issuer })}</p>
      <div className="form-actions">
        <a className="btn btn-primary" href={href} data-testid="step-up-sso">
          {t("stepUp.ssoConfirm", { issuer })}
        </a>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}

function StepUpDialog({ onDone }: { onDone: (proven: boolean) => void }) {
  const me = useMe();
  if (!me.hasPassword && me.ssoProvider) {
    return <SsoStepUp provider={me.ssoProvider} onCancel={() => onDone(false)} />;
  }
  return <PasswordStepUp onDone={onDone} />;
}

function PasswordStepUp({ onDone }: { onDone: (proven: boolean) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const prove = useAction(() => unwrap(api.POST("/api/v1/auth/step-up", { body: { password, ...(me.totpEnabled ? { totpCode: code } : {}) } })));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await prove.execute();
    if (result.ok) {
      onDone(true);
    }
  }

  const fields = prove.error?.fieldMessages() ?? {};
  return (
    <div className="card step-up" role="dialog" aria-modal="false" aria-labelledby="step-up-title" data-testid="step-up">
      <h2 id="step-up-title">{t("stepUp.title")}</h2>
      <p>{t("stepUp.intro")}</p>
      <form noValidate onSubmit={(e) => void submit(e)} className="form-narrow">
        <ErrorAlert error={prove.error && Object.keys(fields).length === 0 ? prove.error : undefined} />
        <TextField
          label={t("stepUp.password")}
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          maxLength={200}
          required
          autoFocus
          error={fields.password}
          testId="step-up-password"
        />
        {me.totpEnabled ? (
          <TextField
            label={t("stepUp.code")}
            value={code}
            onChange={(v) => setCode(v.replace(/\D/g, "").slice(0, 6))}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            error={fields.totpCode}
            testId="step-up-code"
          />
        ) : null}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={prove.busy} data-testid="step-up-submit">
            {t("stepUp.confirm")}
          </button>
          <button type="button" className="btn btn-link" onClick={() => onDone(false)}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </div>
  );
}
