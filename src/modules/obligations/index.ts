// The obligations module's public surface: other modules import from here only (.dependency-cruiser.cjs).
export { cancelObligations, meetObligations, openObligations } from "./open-obligations.ts";
export { obligationRoutes } from "./routes.ts";
export { OBLIGATION_NOTICE_KINDS } from "./notice-kinds.ts";
export type { ObligationEscalated, ObligationReminder } from "./notice-kinds.ts";
