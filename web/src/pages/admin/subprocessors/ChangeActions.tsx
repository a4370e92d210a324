import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import type { SubprocessorChange } from "../../../api/types";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { TextAreaField, useLocalCheck, validLocally } from "../../../components/fields";
import { instantToLocal, localToInstant } from "../../../lib/zoned";

/** The staff's decisions on an announced change: its effective date, putting it into effect, withdrawing it. */
export function ChangeActions({
  change,
  onChanged,
}: {
  change: SubprocessorChange;
  onChanged: (c: SubprocessorChange, done?: "applied" | "withdrawn") => void;
}) {
  const { t } = useTranslation();
  const [effective, setEffective] = useState(instantToLocal(change.effectiveAt));
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<"effective" | null>(null);
  const effectiveCheck = useLocalCheck();
  const path = { params: { path: { id: change.id } } };
  const setDate = useAction(() =>
    unwrap(api.PUT("/api/v1/subprocessor-changes/{id}/effective-date", { ...path, body: { effectiveAt: localToInstant(effective) ?? "" } })),
  );
  const apply = useAction(() => unwrap(api.POST("/api/v1/subprocessor-changes/{id}/apply", path)));
  const withdraw = useAction(() => unwrap(api.POST("/api/v1/subprocessor-changes/{id}/withdraw", { ...path, body: { reason: reason.trim() } })));

  async function submitDate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await setDate.execute();
    if (result.ok) {
      setDone("effective");
      onChanged(result.value);
    }
  }
  async function submitWithdraw(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    if (!window.confirm(t("changes.confirmWithdraw"))) {
      return;
    }
    const result = await withdraw.execute();
    if (result.ok) {
      onChanged(result.value, "withdrawn");
    }
  }

  const dateError = effectiveCheck.message ?? setDate.error?.fieldMessages().effectiveAt;
  const withdrawError = withdraw.error?.fieldMessages().reason;
  return (
    <section className="card" aria-labelledby="change-actions-heading">
      <div className="actions-grid">
        <div>
          <h3 id="change-actions-heading">{t("changes.effectiveHeading")}</h3>
          <form noValidate onSubmit={(e) => void submitDate(e)}>
            {done === "effective" ? (
              <Notice tone="success" testId="change-effective-saved">
                {t("changes.effectiveSaved")}
              </Notice>
            ) : null}
            <ErrorAlert error={setDate.error && !dateError ? setDate.error : undefined} />
            <div className={`field${dateError ? " field-invalid" : ""}`}>
              <label htmlFor="change-effective">{t("changes.effectiveLabel")}</label>
              <p className="hint" id="change-effective-hint">
                {t("changes.effectiveHint")}
              </p>
              <input
                id="change-effective"
                type="datetime-local"
                value={effective}
                required
                onInvalid={effectiveCheck.onInvalid}
                onChange={(e) => {
                  effectiveCheck.clear();
                  setEffective(e.target.value);
                  setDone(null);
                }}
                aria-describedby={dateError ? "change-effective-hint change-effective-error" : "change-effective-hint"}
                aria-invalid={dateError ? true : undefined}
                data-testid="change-effective-input"
              />
              {dateError ? (
                <p className="field-error" id="change-effective-error" data-testid="change-effective-error">
                  {dateError}
                </p>
              ) : null}
            </div>
            <button type="submit" className="btn" disabled={setDate.busy || effective === ""} data-testid="change-effective-save">
              {t("changes.saveEffective")}
            </button>
          </form>
        </div>
        <div>
          <h3>{t("changes.applyHeading")}</h3>
          <p className="hint">{t("changes.applyHint")}</p>
          <ErrorAlert error={apply.error} testId="change-apply-error" />
          <button
            type="button"
            className="btn"
            disabled={apply.busy}
            data-testid="change-apply"
            onClick={() => {
              if (window.confirm(t("changes.confirmApply"))) {
                void apply.execute().then((r) => r.ok && onChanged(r.value, "applied"));
              }
            }}
          >
            {t("changes.apply")}
          </button>
        </div>
        <div>
          <h3>{t("changes.withdrawHeading")}</h3>
          <form noValidate onSubmit={(e) => void submitWithdraw(e)}>
            <ErrorAlert error={withdraw.error && !withdrawError ? withdraw.error : undefined} />
            <TextAreaField
              label={t("changes.withdrawReason")}
              value={reason}
              onChange={setReason}
              rows={2}
              required
              hint={t("changes.withdrawHint")}
              error={withdrawError}
              testId="change-withdraw-reason"
            />
            <button type="submit" className="btn btn-danger" disabled={withdraw.busy} data-testid="change-withdraw">
              {t("changes.withdraw")}
            </button>
          </form>
        </div>
      </div>
    </section>
  );
}
