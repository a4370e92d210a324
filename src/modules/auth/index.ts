// The auth module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import { authRoutes } from "./routes.ts";
import { currentSessionRoutes } from "./current-session-route.ts";
import { accountRoutes } from "./account-routes.ts";
import { passwordRoutes } from "./password-routes.ts";
import { sessionRoutes } from "./session-routes.ts";
import { AUTH_NOTICE_KINDS } from "./notice-kinds.ts";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { LOGIN_POLICY } from "./login-throttle.ts";
import { forgetQuietThrottles } from "./throttle-queries.ts";
import { oidcRoutes } from "./oidc-routes.ts";

export { hashPassword } from "./passwords.ts";
export { inviteOwners, type OwnerToInvite } from "./manage-users.ts";
export { closeCustomerUsers } from "./close-customer-users.ts";
export { actorResolver, toActor, type ResolveActor } from "./resolve-actor.ts";
export { databaseSessionStore } from "./session-store.ts";

/** What the auth module brings to the core (login, sessions, TOTP and recovery codes, API tokens, passwords, users and invitations); src/modules.ts lists it. */
export const authModule = {
  name: "auth",
  routes: [authRoutes, currentSessionRoutes, passwordRoutes, sessionRoutes, accountRoutes, oidcRoutes],
  noticeKinds: AUTH_NOTICE_KINDS,
  sweepTasks: {
    /** Failed-login counts of accounts quiet for a day are forgotten (a series of lockouts ends). */
    loginThrottlesForgotten: (tx: Db, clock: Clock) => {
      const now = clock.now();
      return forgetQuietThrottles(tx, new Date(now.getTime() - LOGIN_POLICY.forgetAfterMs), now);
    },
  },
};
