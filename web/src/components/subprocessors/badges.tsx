import { useTranslation } from "react-i18next";
import type { ChangeStatus, ObjectionStatus, SubprocessorStatus, TransferMechanism, TransferZone } from "../../api/types";
import { Badge } from "../StatusBadge";

type Tone = "neutral" | "info" | "warning" | "success" | "danger";

const ZONE_TONE: Record<TransferZone, Tone> = { eea: "success", adequate: "info", third: "warning" };

/** EEA / adequate / third country; a third country without a ground is a danger badge. */
export function ZoneBadge({ zone, lawful }: { zone: TransferZone; lawful: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${lawful ? ZONE_TONE[zone] : "danger"}`} data-zone={zone} data-lawful={lawful ? "true" : "false"}>
      {t(`subprocessors.zones.${zone}`)}
      {lawful ? null : ` · ${t("subprocessors.unlawful")}`}
    </span>
  );
}

export function MechanismLabel({ mechanism }: { mechanism: TransferMechanism | null }) {
  const { t } = useTranslation();
  return <>{mechanism ? t(`subprocessors.mechanisms.${mechanism}`) : <span className="muted">—</span>}</>;
}

const SUB_TONE: Record<SubprocessorStatus, Tone> = { proposed: "warning", active: "success", removed: "neutral" };
export function SubprocessorStatusBadge({ status }: { status: SubprocessorStatus }) {
  const { t } = useTranslation();
  return (
    <Badge tone={SUB_TONE[status]} testId="subprocessor-status">
      {t(`subprocessors.statuses.${status}`)}
    </Badge>
  );
}

const CHANGE_TONE: Record<ChangeStatus, Tone> = { announced: "info", effective: "success", withdrawn: "neutral" };
export function ChangeStatusBadge({ status, testId }: { status: ChangeStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${CHANGE_TONE[status]}`} data-testid={testId} data-status={status}>
      {t(`changes.statuses.${status}`)}
    </span>
  );
}

const OBJECTION_TONE: Record<ObjectionStatus, Tone> = { open: "warning", withdrawn: "neutral", resolved: "success", customer_leaves: "danger" };
export function ObjectionStatusBadge({ status, testId }: { status: ObjectionStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${OBJECTION_TONE[status]}`} data-testid={testId} data-status={status}>
      {t(`objections.statuses.${status}`)}
    </span>
  );
}
