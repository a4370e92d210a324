import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { TextAreaField } from "../../../components/fields";
import { PageHeader } from "../../../components/PageHeader";

/** How long a grant lasts (the server's BREAK_GLASS_MINUTES); the answer's expiresAt is what counts. */
const MINUTES = 60;

/**
 * art. 9.1 "break glass": support met a customer not assigned to them (the server said 404). They
 * may ask for time-limited access with a reason, which the privacy officer and the customer read.
 */
export function BreakGlassPanel({ controllerId, onGranted }: { controllerId: string; onGranted: (expiresAt: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const ask = useAction(() => unwrap(api.POST("/api/v1/controllers/{id}/break-glass", { params: { path: { id: controllerId } }, body: { reason } })));
  const f = ask.error?.fieldMessages() ?? {};

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await ask.execute();
    if (result.ok) {
      onGranted(result.value.expiresAt);
    }
  }

  return (
    <>
      <PageHeader title={t("access.breakGlass.title")} />
      <section className="card" aria-label={t("access.breakGlass.submit")} data-testid="break-glass">
        <p>{t("access.breakGlass.intro", { minutes: MINUTES })}</p>
        <form noValidate onSubmit={(e) => void submit(e)}>
          <ErrorAlert error={ask.error?.fields.length ? undefined : ask.error} />
          <TextAreaField
            label={t("access.breakGlass.reason")}
            hint={t("access.breakGlass.reasonHint")}
            value={reason}
            onChange={setReason}
            rows={3}
            required
            error={f.reason}
            testId="break-glass-reason"
          />
          <button type="submit" className="btn btn-primary" disabled={ask.busy} data-testid="break-glass-submit">
            {t("access.breakGlass.submit")}
          </button>
        </form>
      </section>
    </>
  );
}
