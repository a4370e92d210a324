// The audits module's public surface: other modules import from here only (.dependency-cruiser.cjs).
// art. 10 (and 9.1, last sentence): a customer's audit of the processor on a concrete, written,
// reasoned suspicion of misuse; the expert both parties agree; the date, at the earliest 14 calendar
// days after the notice; information requests on the processor's 14-day clock; findings assessed
// jointly and the actions on them; the costs, borne by the customer, as billable items. Visible to
// the two parties only: the admin and privacy officer, the customer's owner and privacy contact.
import { AUDIT_NOTICE_KINDS } from "./notice-kinds.ts";
import { AUDIT_ACTION_KIND } from "./findings.ts";
import { AUDIT_INFORMATION_KIND } from "./information.ts";
import { CUSTOMER_WRITERS } from "../../http/audience.ts";
import { auditRoutes, AUDIT_STAFF } from "./routes.ts";

export { requestAudit } from "./request-audit.ts";
export { refuseAudit } from "./refuse-audit.ts";
export { proposeExpert } from "./propose-expert.ts";
export { acceptExpert } from "./accept-expert.ts";
export { proposeAuditDate, acceptAuditDate } from "./propose-date.ts";
export { askInformation, answerInformation, AUDIT_INFORMATION_KIND } from "./information.ts";
export { recordFinding, agreeFinding, addAction, completeAction, AUDIT_ACTION_KIND } from "./findings.ts";
export { recordAuditCost } from "./record-cost.ts";
export { auditWho, auditReference } from "./who.ts";
export type { AuditWho } from "./who.ts";
export { auditBillableItems, lockUnexportedAuditCosts, markAuditCostsExported } from "./billing-queries.ts";
export type { AuditBillableItem } from "./billing-queries.ts";

/** What the audits module brings to the core; src/modules.ts lists it. */
export const auditsModule = {
  name: "audits",
  routes: [auditRoutes],
  noticeKinds: AUDIT_NOTICE_KINDS,
  // An audit's duties name it: only the two parties' staff roles may know of them (art. 9.1).
  restrictedObligationKinds: { [AUDIT_INFORMATION_KIND]: AUDIT_STAFF, [AUDIT_ACTION_KIND]: AUDIT_STAFF },
  // …and, of the customer's own users, the owner and the privacy contact: not its viewers.
  customerRestrictedObligationKinds: { [AUDIT_INFORMATION_KIND]: CUSTOMER_WRITERS, [AUDIT_ACTION_KIND]: CUSTOMER_WRITERS },
};
