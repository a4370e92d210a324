// The evidence module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import { evidenceRoutes } from "./routes.ts";

export { SYSTEM_ACTOR, eventActor, recordEvent, recordEvents } from "./record-events.ts";
export type { EventActor, EventInput } from "./record-events.ts";
export { verifyChain } from "./verify-chain.ts";
export { eventLabel, registerEventLabels } from "./event-labels.ts";

/** What the evidence module brings to the core (the hash-chained evidence log); src/modules.ts lists it. */
export const evidenceModule = {
  name: "evidence",
  routes: [evidenceRoutes],
};
