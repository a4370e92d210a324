import { useTranslation } from "react-i18next";
import type { AgreementStatus, Measure, SummaryStatus } from "../api/types";

type Tone = "neutral" | "info" | "warning" | "success" | "danger";

export function Badge({ tone, children, testId }: { tone: Tone; children: React.ReactNode; testId?: string }) {
  return (
    <span className={`badge badge-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}

const AGREEMENT_TONE: Record<AgreementStatus | SummaryStatus, Tone> = {
  none: "neutral",
  offered: "info",
  signed_by_customer: "warning",
  in_force: "success",
  superseded: "neutral",
  withdrawn: "danger",
};

/** An agreement's status in words; data-status carries the machine value for tests and styling. */
export function AgreementStatusBadge({ status, testId }: { status: AgreementStatus | SummaryStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${AGREEMENT_TONE[status]}`} data-testid={testId} data-status={status}>
      {t(`status.agreement.${status}`)}
    </span>
  );
}

const MEASURE_TONE: Record<Measure["status"], Tone> = { implemented: "success", planned: "warning", retired: "neutral" };

export function MeasureStatusBadge({ status }: { status: Measure["status"] }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${MEASURE_TONE[status]}`} data-status={status}>
      {t(`status.measure.${status}`)}
    </span>
  );
}
