// The ending module's public surface (art. 12.2, 12.4: the end of the agreement): other modules
// import from here only (.dependency-cruiser.cjs). The agreement ends when the customer's last
// service ends (endAgreements, called where services are replaced: the back-office, the API, the
// import); the deletion plan per system and data category with its duty on the engine, staff's
// confirmations (a sub-processor's own attached), legal holds and their reminder, the deletion
// certificates, and the portal closed after its readable period.
import { sweepReadablePortals } from "./close-portal.ts";
import { DELETION_PLAN_KIND, endAgreements } from "./end-agreement.ts";
import { sweepEndedHolds } from "./legal-holds.ts";
import { ENDING_NOTICE_KINDS } from "./notice-kinds.ts";
import { endingRoutes } from "./routes.ts";

export { endAgreements, servicesBefore, DELETION_PLAN_KIND } from "./end-agreement.ts";
export type { ServicesBefore } from "./end-agreement.ts";
export { attachConfirmation, confirmLine } from "./confirm-line.ts";
export { recordHold, releaseHold, sweepEndedHolds } from "./legal-holds.ts";
export { sweepReadablePortals } from "./close-portal.ts";
export { issuedCertificatePdf } from "./certificate.ts";
export { endingLines, endingState } from "./state.ts";
export type { AgreementEndedNotice, DeletionCertificateNotice, LegalHoldEndedNotice } from "./notice-kinds.ts";

/** What the ending module brings to the core; src/modules.ts lists it. */
export const endingModule = {
  name: "ending",
  routes: [endingRoutes],
  noticeKinds: ENDING_NOTICE_KINDS,
  sweepTasks: { endingHolds: sweepEndedHolds, endingPortals: sweepReadablePortals },
  // The back-office's and the API's change of services ends the agreement through this (controllers/last-service.ts).
  lastServiceEnded: endAgreements,
  // The plan's duty is the admin's and the privacy officer's: support is not admitted to endings.
  restrictedObligationKinds: { [DELETION_PLAN_KIND]: ["admin", "privacy_officer"] as const },
};
