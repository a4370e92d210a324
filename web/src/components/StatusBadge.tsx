import { useTranslation } from "react-i18next";
import type { AgreementStatus, DeliveryStatus, Measure, Obligation, SummaryStatus } from "../api/types";
import type { nl } from "../i18n/nl";

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
  ended: "neutral",
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

const DELIVERY_TONE: Record<DeliveryStatus, Tone> = { pending: "info", sent: "success", held: "warning", failed: "danger" };

/** A delivery's status; data-status carries the machine value. */
export function DeliveryStatusBadge({ status, testId }: { status: DeliveryStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${DELIVERY_TONE[status]}`} data-testid={testId} data-status={status}>
      {t(`deliveries.statuses.${status}`)}
    </span>
  );
}

type ObligationState = keyof typeof nl.obligations.states;

/** Where an obligation stands, in words a reader can act on: a window used is "objection made", not "met". */
export function obligationState(o: Pick<Obligation, "status" | "overdue" | "nature" | "metInTime">): { state: ObligationState; tone: Tone } {
  switch (o.status) {
    case "open":
      return o.overdue ? { state: "overdue", tone: "danger" } : { state: "open", tone: "info" };
    case "met":
      if (o.nature === "window") {
        return o.metInTime === false ? { state: "objectedLate", tone: "warning" } : { state: "objected", tone: "success" };
      }
      return o.metInTime === false ? { state: "metLate", tone: "warning" } : { state: "metInTime", tone: "success" };
    case "lapsed":
      return o.nature === "window" ? { state: "windowClosed", tone: "neutral" } : { state: "lapsed", tone: "danger" };
    case "cancelled":
      return { state: "cancelled", tone: "neutral" };
  }
}

export function ObligationStateBadge({ obligation, testId }: { obligation: Pick<Obligation, "status" | "overdue" | "nature" | "metInTime">; testId?: string }) {
  const { t } = useTranslation();
  const { state, tone } = obligationState(obligation);
  return (
    <span className={`badge badge-${tone}`} data-testid={testId} data-state={state}>
      {t(`obligations.states.${state}`)}
    </span>
  );
}
