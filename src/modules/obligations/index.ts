// The obligations module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import { obligationRoutes } from "./routes.ts";
import { OBLIGATION_NOTICE_KINDS } from "./notice-kinds.ts";

export { cancelObligations, lapseObligations, meetObligations, openObligations } from "./open-obligations.ts";
export type { ObligationEscalated, ObligationReminder } from "./notice-kinds.ts";

/** What the obligations module brings to the core (deadlines, the dashboard, calendar feeds); src/modules.ts lists it. */
export const obligationsModule = {
  name: "obligations",
  routes: [obligationRoutes],
  noticeKinds: OBLIGATION_NOTICE_KINDS,
};
export { AP_CLOCK_KIND, apClockReasonText, apClockTitle, customerApClocks, customerApClocksRead } from "./ap-clocks.ts";
export type { ApClock, ApClockReason } from "./ap-clocks.ts";
export { hiddenObligationKinds, registerCustomerRestrictedObligationKinds, registerRestrictedObligationKinds } from "./restricted-kinds.ts";
