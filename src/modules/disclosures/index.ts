// The disclosures module's public surface (art. 9.2: an authority's order to disclose the data the
// processor holds for its customers): other modules import from here only (.dependency-cruiser.cjs).
// The register (admin and privacy officer only), the gag order and the efforts against it, each
// concerned customer's 24-hour duty to be told (from the receipt, or from the gag's end: a sweep
// task ends gags whose date passed), the notices, the customer's own statements that it must
// disclose the processor's confidential information, and the public transparency report.
import { DISCLOSURE_NOTICE_KINDS } from "./notice-kinds.ts";
import { sweepEndedGags } from "./gag.ts";
import { DISCLOSURE_OBLIGATION_KIND } from "./notice-duties.ts";
import { disclosureReportRoutes } from "./public-routes.ts";
import { disclosureRoutes } from "./routes.ts";

export { recordDisclosureOrder } from "./record-order.ts";
export { addOrderCustomers } from "./add-customers.ts";
export { decideDisclosureOrder, recordDisclosed } from "./decide-order.ts";
export { changeGag, liftGag, recordGagEffort, sweepEndedGags } from "./gag.ts";
export { notifyCustomers } from "./notify-customers.ts";
export { stateDisclosureDuty } from "./state-statement.ts";
export { DISCLOSURE_OBLIGATION_KIND } from "./notice-duties.ts";
export type { DisclosureNotice, DisclosureStatementReceived } from "./notice-kinds.ts";

/** What the disclosures module brings to the core; src/modules.ts lists it. */
export const disclosuresModule = {
  name: "disclosures",
  routes: [disclosureRoutes, disclosureReportRoutes],
  noticeKinds: DISCLOSURE_NOTICE_KINDS,
  sweepTasks: { disclosureGags: sweepEndedGags },
  // That a customer's data was ordered disclosed is for the administrator and the privacy officer only.
  restrictedObligationKinds: { [DISCLOSURE_OBLIGATION_KIND]: ["admin", "privacy_officer"] as const },
};
