import type { Clocks } from "../../../api/types";

/** The contract's clocks in the order the agreement names them. */
export const CLOCK_KEYS: readonly (keyof Clocks)[] = [
  "breachNoticeHours",
  "subprocessorObjectionDays",
  "measuresAnswerDays",
  "auditNoticeDays",
  "auditInformationDays",
  "disclosureNoticeHours",
  "defaultNoticeHours",
  "claimLapseMonths",
  "deletionPlanDays",
  "portalReadableDays",
];
