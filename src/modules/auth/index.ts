// The auth module's public surface: other modules import from here only (.dependency-cruiser.cjs).
export { hashPassword } from "./passwords.ts";
export { assignedControllerIds } from "./queries.ts";
export { resolveActor, toActor } from "./resolve-actor.ts";
export { authRoutes } from "./routes.ts";
export { databaseSessionStore } from "./session-store.ts";
