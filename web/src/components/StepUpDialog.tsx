import { useCallback, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
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
 * the change again.
 */
export function useStepUp(): { guarded: <R>(action: () => Promise<ActionResult<R>>) => Promise<ActionResult<R>>; dialog: ReactNode } {
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
  ) : null;
  return { guarded, dialog };
}

function StepUpDialog({ onDone }: { onDone: (proven: boolean) => void }) {
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
