import type { FastifyReply } from "fastify";
import type { Db } from "../../db/engine.ts";
import type { Actor } from "../../http/actor.ts";
import type { OidcConfig } from "../../http/types.ts";
import { findUserById } from "./queries.ts";
import { signInMeansOf } from "./oidc-me.ts";

/** The logged-in user as `/auth/me`, `/auth/session` and a login answer it (the `Me` schema), with a CSRF token for a cookie session. */
export async function presentMe(db: Db, oidc: OidcConfig | undefined, actor: Actor, reply: FastifyReply) {
  const user = await findUserById(db, actor.userId);
  return {
    id: actor.userId,
    name: actor.name,
    email: actor.email,
    locale: actor.locale,
    kind: actor.kind,
    staffRole: actor.staffRole,
    customerRole: actor.customerRole,
    controllerId: actor.controllerId,
    totpEnabled: Boolean(user?.totpEnabledAt),
    ...(await signInMeansOf(db, oidc, user)),
    csrfToken: actor.via === "session" ? reply.generateCsrf() : "",
  };
}
