// The breaches module's public surface: other modules import from here only (.dependency-cruiser.cjs).
export { addAffectedCustomers, proposeCustomers } from "./affected-customers.ts";
export { assessIncident } from "./assess-incident.ts";
export { closeIncident } from "./close-incident.ts";
export { saveSharedFacts } from "./notice-facts.ts";
export { findIncident } from "./queries.ts";
export type { IncidentRow } from "./queries.ts";
export { recordIncident } from "./record-incident.ts";
export { sendBreachNotices } from "./send-notices.ts";
export { incidentRoutes } from "./routes.ts";
export { breachPortalRoutes } from "./portal-routes.ts";
export { BREACH_NOTICE_KINDS } from "./notice-kinds.ts";
