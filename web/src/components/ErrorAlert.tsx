import { useTranslation } from "react-i18next";
import type { ApiError } from "../api/errors";

/** The server's message for a failed call, with the request id to quote to support. */
export function ErrorAlert({ error, testId }: { error: ApiError | undefined; testId?: string }) {
  const { t } = useTranslation();
  // A change that needs the password again is not an error: the step-up dialog asks for it (StepUpDialog.tsx).
  if (!error || error.code === "step_up_required") {
    return null;
  }
  const message = error.status === 0 ? t("errors.network") : error.status === 403 ? `${t("errors.forbidden")} (${error.message})` : error.message;
  return (
    <div className="alert alert-error" role="alert" data-testid={testId ?? "error"}>
      <p>{message}</p>
      {error.requestId ? <p className="muted small">{t("errors.requestId", { id: error.requestId })}</p> : null}
    </div>
  );
}

export function Notice({ tone = "info", children, testId }: { tone?: "info" | "success" | "warning"; children: React.ReactNode; testId?: string }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === "warning" ? "alert" : "status"} data-testid={testId}>
      {children}
    </div>
  );
}
