import { Type } from "typebox";
import { PUBLIC } from "../../http/audience.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { ErrorResponses } from "../../http/schemas.ts";
import { Me } from "./schemas.ts";
import { presentMe } from "./present-me.ts";

/**
 * `GET /auth/session`: who is logged in, asked by every page as it loads (the public trust page and
 * the login page too). Nobody being logged in is an answer, not an error: 200 with `user: null`, so
 * a browser's console shows no failed request. `GET /auth/me` stays the call that requires a login
 * (401 without one).
 */
export function currentSessionRoutes(app: TypedApp, deps: RouteDeps) {
  app.get(
    "/auth/session",
    {
      config: { audience: PUBLIC },
      schema: {
        tags: ["auth"],
        summary: "Who is logged in: the user and a CSRF token, or user null when nobody is (200 either way)",
        response: { 200: Type.Object({ user: Type.Union([Me, Type.Null()]) }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      if (!actor) {
        return { user: null };
      }
      return { user: await presentMe(deps.db, deps.oidc, actor, reply) };
    },
  );
}
