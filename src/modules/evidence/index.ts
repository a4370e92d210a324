// The evidence module's public surface: other modules import from here only (.dependency-cruiser.cjs).
export { SYSTEM_ACTOR, eventActor, recordEvent, recordEvents } from "./record-events.ts";
export type { EventActor, EventInput } from "./record-events.ts";
export { verifyChain } from "./verify-chain.ts";
export { evidenceRoutes } from "./routes.ts";
