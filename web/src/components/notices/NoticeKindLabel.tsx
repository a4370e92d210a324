import { useTranslation } from "react-i18next";
import type { nl } from "../../i18n/nl";

type Kind = keyof typeof nl.notices.kinds;
const isKind = (kind: string): kind is Kind => kind in KINDS;
const KINDS: Record<Kind, true> = {
  subprocessor_change_announced: true,
  subprocessor_change_effective: true,
  subprocessor_change_withdrawn: true,
  objection_received: true,
  consultation_message: true,
  objection_closed: true,
  contact_failing: true,
  obligation_reminder: true,
  obligation_escalated: true,
  breach_notice: true,
};

/** A notice kind in words; an unknown (newer) kind shows as its code. */
export function NoticeKindLabel({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <>{isKind(kind) ? t(`notices.kinds.${kind}`) : kind}</>;
}
