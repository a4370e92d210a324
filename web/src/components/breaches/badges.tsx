import { useTranslation } from "react-i18next";
import type { IncidentDecision, IncidentStatus, NoticeStage } from "../../api/types";
import { formatInstantWithDay } from "../../lib/format";
import { formatRemaining, msUntil } from "../../lib/time";
import { useLang } from "../../lib/useLang";
import { Badge } from "../StatusBadge";

type Tone = "neutral" | "info" | "warning" | "success" | "danger";

const DECISION_TONE: Record<IncidentDecision, Tone> = { pending: "warning", notify: "danger", no_notify: "neutral" };

/** The assessment's decision: still to assess, notify the customers, or not. */
export function DecisionBadge({ decision, testId }: { decision: IncidentDecision; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${DECISION_TONE[decision]}`} data-testid={testId} data-decision={decision}>
      {t(`incidents.decisions.${decision}`)}
    </span>
  );
}

export function IncidentStatusBadge({ status, testId }: { status: IncidentStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status === "open" ? "info" : "neutral"}`} data-testid={testId} data-status={status}>
      {t(`incidents.statuses.${status}`)}
    </span>
  );
}

/** First notice, follow-up (GDPR 33(4)) or the final one that closes the incident. */
export function StageLabel({ stage }: { stage: NoticeStage }) {
  const { t } = useTranslation();
  return <>{t(`breaches.stages.${stage}`)}</>;
}

/** Sent inside the deadline or not (null: not sent yet). */
export function InTimeBadge({ inTime, testId }: { inTime: boolean | null; testId?: string }) {
  const { t } = useTranslation();
  if (inTime === null) {
    return <span className="muted">—</span>;
  }
  return (
    <span data-testid={testId} data-in-time={inTime ? "true" : "false"}>
      {inTime ? <Badge tone="success">✓ {t("breaches.inTime")}</Badge> : <Badge tone="danger">✗ {t("breaches.late")}</Badge>}
    </span>
  );
}

/**
 * A deadline as "ma 30-03-2026 11:00 (UTC+02:00) — nog 13 uur", or in red once past. `settled`
 * (every customer told, or nothing to tell) drops the time left: the clock no longer matters.
 */
export function DeadlineText({ dueAt, settled = false, testId }: { dueAt: string; settled?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const ms = msUntil(dueAt);
  const overdue = !settled && ms < 0;
  return (
    <span className={overdue ? "overdue-text" : undefined} data-testid={testId} data-overdue={overdue ? "true" : "false"}>
      <span className="nowrap">{formatInstantWithDay(dueAt, lang)}</span>
      {settled ? null : <> — {formatRemaining(ms, t)}</>}
    </span>
  );
}
