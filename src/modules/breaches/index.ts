// The breaches module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import { incidentRoutes } from "./routes.ts";
import { breachPortalRoutes } from "./portal-routes.ts";
import { BREACH_NOTICE_KINDS } from "./notice-kinds.ts";

export { addAffectedCustomers, proposeCustomers } from "./affected-customers.ts";
export { assessIncident } from "./assess-incident.ts";
export { closeIncident } from "./close-incident.ts";
export { saveSharedFacts } from "./notice-facts.ts";
export { findIncident } from "./queries.ts";
export type { IncidentRow } from "./queries.ts";
export { recordIncident } from "./record-incident.ts";
export { sendBreachNotices } from "./send-notices.ts";

/** What the breaches module brings to the core (incidents and data breaches (art. 6)); src/modules.ts lists it. */
export const breachesModule = {
  name: "breaches",
  routes: [incidentRoutes, breachPortalRoutes],
  noticeKinds: BREACH_NOTICE_KINDS,
};
