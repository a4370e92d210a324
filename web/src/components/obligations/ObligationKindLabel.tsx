import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { nl } from "../../i18n/nl";

type Kind = keyof typeof nl.obligations.kinds;
/** The obligation kinds the UI has words for; the filter offers these plus any kind seen in the data. */
export const KNOWN_OBLIGATION_KINDS: readonly Kind[] = [
  "subprocessor_objection",
  "breach_notice",
  "case_dpia_help",
  "case_measures_question",
  "disclosure_notice",
];
const isKind = (kind: string): kind is Kind => (KNOWN_OBLIGATION_KINDS as readonly string[]).includes(kind);

/** An obligation kind in words; an unknown (newer) kind as its code. */
export const obligationKindText = (t: TFunction, kind: string): string => (isKind(kind) ? t(`obligations.kinds.${kind}`) : kind);

export function ObligationKindLabel({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <>{obligationKindText(t, kind)}</>;
}
