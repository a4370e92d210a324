// The claims module's public surface (art. 11, liability): other modules import from here only
// (.dependency-cruiser.cjs). The fee ledger from billing (all or nothing) the cap is computed from,
// the customer's notices of default (11.5) with the 48-hour fact and the cure period agreed in
// writing (the processor's duty to cure on the obligation engine), and the claims register: event,
// heads of damage, the cap with its derivation, the 11.4 assessment and the lapse date (11.6) with
// a reminder before it (a sweep task). Confidential between the two parties.
import { CUSTOMER_WRITERS } from "../../http/audience.ts";
import { CLAIM_NOTICE_KINDS } from "./notice-kinds.ts";
import { CURE_OBLIGATION_KIND } from "./cure-date.ts";
import { remindClaimLapses } from "./lapse-reminders.ts";
import { ledgerRoutes } from "./ledger-routes.ts";
import { LAPSE_OBLIGATION_KIND } from "./record-claim.ts";
import { claimRoutes } from "./routes.ts";

export { importFees, recordLedger, LEDGER_COLUMNS, type LedgerInput, type LedgerSummary } from "./import-fees.ts";
export { giveDefaultNotice } from "./give-default-notice.ts";
export { confirmCureDate, proposeCureDate, recordCured, CURE_OBLIGATION_KIND } from "./cure-date.ts";
export { recordClaim, LAPSE_OBLIGATION_KIND } from "./record-claim.ts";
export { assessIntent } from "./assess-intent.ts";
export { remindClaimLapses } from "./lapse-reminders.ts";

/** What the claims module brings to the core; src/modules.ts lists it. */
export const claimsModule = {
  name: "claims",
  routes: [claimRoutes, ledgerRoutes],
  noticeKinds: CLAIM_NOTICE_KINDS,
  sweepTasks: { claimLapses: remindClaimLapses },
  // A notice of default and a claim are for the two parties only: not support, not the auditor.
  restrictedObligationKinds: {
    [CURE_OBLIGATION_KIND]: ["admin", "privacy_officer"] as const,
    [LAPSE_OBLIGATION_KIND]: ["admin", "privacy_officer"] as const,
  },
  // …and on the customer's side its owner and privacy contact, not its viewers (obligations/restricted-kinds.ts).
  customerRestrictedObligationKinds: { [CURE_OBLIGATION_KIND]: CUSTOMER_WRITERS, [LAPSE_OBLIGATION_KIND]: CUSTOMER_WRITERS },
};
