// The access module's public surface (art. 2.3, 9.1: need-to-know and confidentiality): other
// modules import from here only (.dependency-cruiser.cjs). Staff confirm a versioned
// confidentiality statement before they see customer data (the HTTP core refuses it otherwise,
// from the actor this module settles per request); support opens a customer outside its assignment
// only by breaking glass, with a reason; every staff view of a customer's personal data that a
// route declares is written to the customer's access log, which the customer reads in its portal.
import { accessRoutes } from "./routes.ts";
import { ACCESS_NOTICE_KINDS } from "./notice-kinds.ts";

export { settleStaffAccess } from "./staff-access.ts";
export { personalDataHook, recordAccess } from "./record-access.ts";
export { BREAK_GLASS_MINUTES, breakGlass } from "./break-glass.ts";
export { confirmStatement, currentStatement, loadDefaultStatement, publishStatement } from "./statement.ts";
export type { BreakGlassNotice } from "./notice-kinds.ts";

/** What the access module brings to the core; src/modules.ts lists it. */
export const accessModule = {
  name: "access",
  routes: [accessRoutes],
  noticeKinds: ACCESS_NOTICE_KINDS,
};
