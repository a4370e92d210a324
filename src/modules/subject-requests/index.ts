// The data subjects' requests module's public surface: other modules import from here only
// (.dependency-cruiser.cjs). A data subject's request that reaches the processor (art. 8.1), by its
// public form (confirmed address) or recorded by staff, forwarded to the customer it concerns within
// a number of working days, the customer's outcome, and the requester's data erased after a period.
import { SUBJECT_REQUEST_NOTICE_KINDS } from "./notice-kinds.ts";
import { subjectRequestRoutes } from "./routes.ts";
import { eraseEnded, expireUnconfirmed } from "./sweep.ts";

/** What the module brings to the core; src/modules.ts lists it. */
export const subjectRequestsModule = {
  name: "subject-requests",
  routes: [subjectRequestRoutes],
  noticeKinds: SUBJECT_REQUEST_NOTICE_KINDS,
  sweepTasks: { subjectRequestsExpired: expireUnconfirmed, subjectRequestsErased: eraseEnded },
};
export { recordRequest } from "./record-request.ts";
export { forwardRequest } from "./forward-request.ts";
export { recordOutcome } from "./record-outcome.ts";
export { closeNotOurs } from "./close-not-ours.ts";
export type { Who as SubjectRequestActor } from "./reference.ts";
export { subjectRequestVisible } from "./queries.ts";
