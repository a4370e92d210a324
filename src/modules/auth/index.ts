// The auth module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import { authRoutes } from "./routes.ts";

export { hashPassword } from "./passwords.ts";
export { assignedControllerIds } from "./queries.ts";
export { resolveActor, toActor } from "./resolve-actor.ts";
export { databaseSessionStore } from "./session-store.ts";

/** What the auth module brings to the core (login, sessions, TOTP, API tokens); src/modules.ts lists it. */
export const authModule = {
  name: "auth",
  routes: [authRoutes],
};
