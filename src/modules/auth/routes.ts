import { CUSTOMER_ALL, PUBLIC } from "../../http/audience.ts";
import { authWords } from "./words.ts";
import { STAFF_ALL } from "../../http/actor.ts";
import { generateSecret, generateURI, verify } from "otplib";
import type { FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf } from "../../http/request-context.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { ErrorResponses } from "../../http/schemas.ts";
import { dummyHash, verifyPassword } from "./passwords.ts";
import { enableTotp, findUserByEmail, findUserById, insertToken, listActiveTokens, revokeToken, startTotpEnrolment } from "./queries.ts";
import { newApiToken } from "./tokens.ts";
import { toActor } from "./resolve-actor.ts";
import { CreateTokenBody, LoginBody, Me, TokenInfo, TotpCode } from "./schemas.ts";
import { IdParams } from "../../http/schemas.ts";

const wrongLogin = () => new AppError("unauthenticated", authWords.wrongLogin);

/** A code from the 30-second step before or after the server's also counts (RFC 6238 §5.2: clock drift and typing time). */
const TOTP_TOLERANCE_SECONDS = 30;

export function authRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  async function me(request: FastifyRequest, reply: FastifyReply) {
    const actor = actorOf(request);
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
      csrfToken: actor.via === "session" ? reply.generateCsrf() : "",
    };
  }

  app.post(
    "/auth/login",
    {
      config: { audience: PUBLIC, rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: { tags: ["auth"], summary: "Log in (starts a session cookie)", body: LoginBody, response: { 200: Me, ...ErrorResponses } },
    },
    async (request, reply) => {
      const { email, password, totpCode } = request.body;
      const user = await findUserByEmail(db, email);
      if (!user) {
        await verifyPassword(await dummyHash(), password);
        throw wrongLogin();
      }
      if (!(await verifyPassword(user.passwordHash, password)) || user.disabledAt) {
        throw wrongLogin();
      }
      if (user.totpEnabledAt && user.totpSecret) {
        if (!totpCode) {
          throw new AppError("totp_required", authWords.totpRequired, [{ field: "body.totpCode", message: authWords.totpRequiredField }]);
        }
        const result = await verify({ secret: user.totpSecret, token: totpCode, epochTolerance: TOTP_TOLERANCE_SECONDS });
        if (!result.valid) {
          throw new AppError("unauthenticated", authWords.totpWrong, [{ field: "body.totpCode", message: authWords.codeWrongField }]);
        }
      }
      await request.session.regenerate();
      request.session.set("userId", user.id);
      request.actor = toActor(user, "session");
      return me(request, reply);
    },
  );

  app.post(
    "/auth/logout",
    { config: { audience: PUBLIC }, schema: { tags: ["auth"], summary: "Log out", response: { 204: Type.Null() } } },
    async (request, reply) => {
      await request.session.destroy();
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/auth/me",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: { tags: ["auth"], summary: "The logged-in user and a CSRF token", response: { 200: Me, ...ErrorResponses } },
    },
    me,
  );

  app.post(
    "/auth/totp/setup",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: {
        tags: ["auth"],
        summary: "Start TOTP enrolment",
        response: { 200: Type.Object({ secret: Type.String(), uri: Type.String() }), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const secret = generateSecret();
      await startTotpEnrolment(db, actor.userId, secret);
      return { secret, uri: generateURI({ issuer: "Art28", label: actor.email, secret }) };
    },
  );

  app.post(
    "/auth/totp/enable",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: { tags: ["auth"], summary: "Confirm TOTP enrolment with a code", body: TotpCode, response: { 204: Type.Null(), ...ErrorResponses } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const user = await findUserById(db, actor.userId);
      if (!user?.totpSecret) {
        throw new AppError("conflict", "start with POST /auth/totp/setup");
      }
      if (!(await verify({ secret: user.totpSecret, token: request.body.code, epochTolerance: TOTP_TOLERANCE_SECONDS })).valid) {
        throw new AppError("validation", authWords.codeWrong, [{ field: "body.code", message: authWords.codeWrongField }]);
      }
      await enableTotp(db, actor.userId, clock.now());
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/tokens",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: { tags: ["auth"], summary: "Your API tokens", response: { 200: Type.Array(TokenInfo), ...ErrorResponses } },
    },
    async (request) => {
      const actor = actorOf(request);
      return (await listActiveTokens(db, actor.userId)).map((t) => ({
        id: t.id,
        name: t.name,
        prefix: t.prefix,
        createdAt: t.createdAt.toISOString(),
        lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
        expiresAt: t.expiresAt?.toISOString() ?? null,
      }));
    },
  );

  app.post(
    "/tokens",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: {
        tags: ["auth"],
        summary: "Create an API token acting as you (shown once)",
        body: CreateTokenBody,
        response: { 201: Type.Object({ id: Type.String(), token: Type.String(), prefix: Type.String() }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { token, prefix, tokenHash } = newApiToken();
      const days = request.body.expiresInDays;
      const expiresAt = days ? new Date(clock.now().getTime() + days * 86_400_000) : null;
      const row = await insertToken(db, { userId: actor.userId, name: request.body.name, prefix, tokenHash, expiresAt });
      return reply.status(201).send({ id: row.id, token, prefix });
    },
  );

  app.delete(
    "/tokens/:id",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "token" } },
      schema: { tags: ["auth"], summary: "Revoke one of your API tokens", params: IdParams, response: { 204: Type.Null(), ...ErrorResponses } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!(await revokeToken(db, actor.userId, request.params.id, clock.now()))) {
        throw notFound(authWords.noun.token);
      }
      return reply.status(204).send(null);
    },
  );
}
