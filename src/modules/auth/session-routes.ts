import { Type } from "typebox";
import { CUSTOMER_ALL } from "../../http/audience.ts";
import { STAFF_ALL } from "../../http/actor.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf, requireStepUp } from "../../http/request-context.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { ErrorResponses, IdParams } from "../../http/schemas.ts";
import { inScope } from "../../db/scope.ts";
import { browserLabel } from "../../domain/user-agent.ts";
import { eventActor } from "../evidence/index.ts";
import { deleteSessionOf, deleteSessionsOf, sessionsOf } from "./account-queries.ts";
import { generateRecoveryCodes, RECOVERY_CODE_COUNT, recoveryCodesLeft } from "./recovery-codes.ts";
import { findUserById } from "./queries.ts";
import { RecoveryCodes, RecoveryCodesLeft, SessionInfo } from "./schemas.ts";
import { sessionKey } from "./session-store.ts";
import { authWords } from "./words.ts";
import { browserSession } from "../../http/sessions.ts";

// A user's own sessions (list, end one, end all others) and their TOTP recovery codes.

// Your own sessions: no customer's data, so staff may see them before confirming the confidentiality statement.
const EVERYONE = { staff: STAFF_ALL, customer: CUSTOMER_ALL, noCustomerData: true } as const;

export function sessionRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  app.get(
    "/auth/sessions",
    {
      config: { audience: EVERYONE },
      schema: {
        tags: ["auth"],
        summary: "Your sessions: when each started and was last seen, its browser, and which one is this one",
        response: { 200: Type.Array(SessionInfo), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const on = actor.locale === "nl" ? "op" : "on";
      const mine = actor.via === "session" ? sessionKey(browserSession(request).sessionId) : null;
      const rows = await inScope(db, { kind: "processor" }, (tx) => sessionsOf(tx, actor.userId, clock.now()));
      return rows.map((row) => ({
        id: row.id,
        createdAt: row.createdAt.toISOString(),
        lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
        browser: browserLabel(row.userAgent, on),
        current: row.sid === mine,
      }));
    },
  );

  app.delete(
    "/auth/sessions/:id",
    {
      config: { audience: { ...EVERYONE, record: "session" } },
      schema: {
        tags: ["auth"],
        summary: "End one of your sessions (that browser is logged out at once)",
        params: IdParams,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ended = await inScope(db, { kind: "processor" }, (tx) => deleteSessionOf(tx, actor.userId, request.params.id));
      if (!ended) {
        throw notFound(authWords.noun.session);
      }
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/auth/sessions/end-others",
    {
      config: { audience: EVERYONE },
      schema: {
        tags: ["auth"],
        summary: "Log out everywhere else: every session of yours but this one ends",
        response: { 200: Type.Object({ sessionsEnded: Type.Integer() }), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const keep = actor.via === "session" ? sessionKey(browserSession(request).sessionId) : null;
      return { sessionsEnded: await inScope(db, { kind: "processor" }, (tx) => deleteSessionsOf(tx, actor.userId, keep)) };
    },
  );

  app.get(
    "/auth/recovery-codes",
    {
      config: { audience: EVERYONE },
      schema: { tags: ["auth"], summary: "How many of your TOTP recovery codes are left", response: { 200: RecoveryCodesLeft, ...ErrorResponses } },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await findUserById(db, actor.userId);
      return { totpEnabled: Boolean(user?.totpEnabledAt), left: await recoveryCodesLeft(db, actor.userId) };
    },
  );

  app.post(
    "/auth/recovery-codes",
    {
      config: { audience: EVERYONE },
      schema: {
        tags: ["auth"],
        summary: `Make ${RECOVERY_CODE_COUNT} new TOTP recovery codes, shown once; the old ones stop working (needs a recent step-up)`,
        response: { 201: RecoveryCodes, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireStepUp(request, clock);
      const user = await findUserById(db, actor.userId);
      if (!user?.totpEnabledAt) {
        throw new AppError("conflict", authWords.totpNotEnabled);
      }
      return reply.status(201).send({ codes: await generateRecoveryCodes(db, clock, eventActor(actor), user) });
    },
  );
}
