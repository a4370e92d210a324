import { CUSTOMER_ALL, PUBLIC } from "../../http/audience.ts";
import { authWords } from "./words.ts";
import { httpWords } from "../../http/words.ts";
import { STAFF_ALL } from "../../http/actor.ts";
import { generateSecret, generateURI, verify } from "otplib";
import type { FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf, markSteppedUp, requireStepUp, STEP_UP_MS } from "../../http/request-context.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { ErrorBodySchema, ErrorResponses } from "../../http/schemas.ts";
import { dummyHash, verifyPassword } from "./passwords.ts";
import { disableTotp, enableTotp, findUserByEmail, findUserById, insertToken, listActiveTokens, revokeToken, startTotpEnrolment } from "./queries.ts";
import { accountThrottle as accountThrottleOf, startSession } from "./account-throttle.ts";
import { deleteRecoveryCodesOf, generateRecoveryCodes, useRecoveryCode } from "./recovery-codes.ts";
import { eventActor } from "../evidence/index.ts";
import { newApiToken } from "./tokens.ts";
import { toActor } from "./resolve-actor.ts";
import { CreateTokenBody, LoginBody, Me, RecoveryCodes, StepUpBody, TokenInfo, TotpCode } from "./schemas.ts";
import { RECOVERY_CODE_COUNT } from "./recovery-codes.ts";
import { IdParams } from "../../http/schemas.ts";
import { presentMe } from "./present-me.ts";
import { browserSession } from "../../http/sessions.ts";

const wrongLogin = () => new AppError("unauthenticated", authWords.wrongLogin);

/** A code from the 30-second step before or after the server's also counts (RFC 6238 §5.2: clock drift and typing time). */
const TOTP_TOLERANCE_SECONDS = 30;
const STEP_UP_MINUTES = STEP_UP_MS / 60_000;

export function authRoutes(app: TypedApp, { db, clock, oidc }: RouteDeps) {
  const accountThrottle = (request: FastifyRequest, reply: FastifyReply, account: string, user: Awaited<ReturnType<typeof findUserByEmail>>) =>
    accountThrottleOf(db, clock, request, reply, account, user);

  const me = (request: FastifyRequest, reply: FastifyReply) => presentMe(db, oidc, actorOf(request), reply);

  app.post(
    "/auth/login",
    {
      config: { audience: PUBLIC, rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: { tags: ["auth"], summary: "Log in (starts a session cookie)", body: LoginBody, response: { 200: Me, ...ErrorResponses, 429: ErrorBodySchema } },
    },
    async (request, reply) => {
      browserSession(request); // an API client's request is refused before anything is counted or spent
      const { email, password, totpCode, recoveryCode } = request.body;
      const account = email.trim().toLowerCase();
      const user = await findUserByEmail(db, account);
      const throttle = accountThrottle(request, reply, account, user);
      await throttle.charge();
      if (!user) {
        await verifyPassword(await dummyHash(), password);
        throw await throttle.failed(wrongLogin());
      }
      if (!(await verifyPassword(user.passwordHash, password)) || user.disabledAt) {
        throw await throttle.failed(wrongLogin());
      }
      if (user.totpEnabledAt && user.totpSecret) {
        if (totpCode && recoveryCode) {
          throw new AppError("validation", authWords.oneSecondFactor, [{ field: "body.recoveryCode", message: authWords.oneSecondFactor }]);
        }
        if (recoveryCode) {
          // A recovery code stands in for the authenticator once (a lost phone); it is spent and recorded.
          if (!(await useRecoveryCode(db, clock, user, recoveryCode))) {
            throw await throttle.failed(
              new AppError("unauthenticated", authWords.recoveryWrong, [{ field: "body.recoveryCode", message: authWords.recoveryWrongField }]),
            );
          }
        } else if (!totpCode) {
          throw new AppError("totp_required", authWords.totpRequired, [{ field: "body.totpCode", message: authWords.totpRequiredField }]);
        } else if (!(await verify({ secret: user.totpSecret, token: totpCode, epochTolerance: TOTP_TOLERANCE_SECONDS })).valid) {
          throw await throttle.failed(new AppError("unauthenticated", authWords.totpWrong, [{ field: "body.totpCode", message: authWords.codeWrongField }]));
        }
      }
      await throttle.succeeded();
      await startSession(request, clock, user.id);
      request.actor = toActor(user, "session");
      return me(request, reply);
    },
  );

  app.post(
    "/auth/logout",
    {
      config: { audience: PUBLIC },
      schema: {
        tags: ["auth"],
        summary: "Log out: ends this session; signed in through single sign-on, also names where to end the session at the issuer",
        response: {
          200: Type.Object({
            issuerLogoutUrl: Type.Union([Type.String(), Type.Null()], {
              description: "Open this next to log out at the issuer too (OpenID Connect RP-initiated logout); null when there is none",
            }),
          }),
        },
      },
    },
    async (request) => {
      const session = browserSession(request);
      const issuerLogoutUrl = session.get("issuerLogoutUrl") ?? null;
      await session.destroy();
      return { issuerLogoutUrl };
    },
  );

  app.post(
    "/auth/step-up",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, noCustomerData: true }, rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: `Prove it is you again (password, and the code when TOTP is on) before a sensitive change; counts ${STEP_UP_MINUTES} minutes`,
        body: StepUpBody,
        response: { 204: Type.Null(), ...ErrorResponses, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.via !== "session") {
        throw new AppError("step_up_required", httpWords.stepUpNeedsSession);
      }
      const user = await findUserById(db, actor.userId);
      if (!user) {
        throw new AppError("unauthenticated", authWords.wrongLogin);
      }
      const totpSecret = user.totpEnabledAt ? user.totpSecret : null;
      const code = request.body.totpCode;
      // The user is known here: a missing code is said before anything is checked or counted.
      if (totpSecret && !code) {
        throw new AppError("validation", authWords.totpRequired, [{ field: "body.totpCode", message: authWords.totpRequiredField }]);
      }
      const throttle = accountThrottle(request, reply, user.email.trim().toLowerCase(), user);
      await throttle.charge();
      if (!(await verifyPassword(user.passwordHash, request.body.password))) {
        throw await throttle.failed(new AppError("validation", authWords.passwordWrong, [{ field: "body.password", message: authWords.passwordWrongField }]));
      }
      if (totpSecret && code) {
        if (!(await verify({ secret: totpSecret, token: code, epochTolerance: TOTP_TOLERANCE_SECONDS })).valid) {
          throw await throttle.failed(new AppError("validation", authWords.totpWrong, [{ field: "body.totpCode", message: authWords.codeWrongField }]));
        }
      }
      await throttle.succeeded();
      markSteppedUp(request, clock);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/auth/me",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, noCustomerData: true } },
      schema: { tags: ["auth"], summary: "The logged-in user and a CSRF token", response: { 200: Me, ...ErrorResponses } },
    },
    me,
  );

  app.post(
    "/auth/totp/setup",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, noCustomerData: true } },
      schema: {
        tags: ["auth"],
        summary: "Start TOTP enrolment",
        response: { 200: Type.Object({ secret: Type.String(), uri: Type.String() }), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await findUserById(db, actor.userId);
      // Re-enrolling replaces the second factor in use: only with recent proof, never by a token.
      if (user?.totpEnabledAt || actor.via !== "session") {
        requireStepUp(request, clock);
      }
      const secret = generateSecret();
      await startTotpEnrolment(db, actor.userId, secret);
      return { secret, uri: generateURI({ issuer: "Art28", label: actor.email, secret }) };
    },
  );

  app.post(
    "/auth/totp/enable",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, noCustomerData: true } },
      schema: {
        tags: ["auth"],
        summary: `Confirm TOTP enrolment with a code; answers ${RECOVERY_CODE_COUNT} recovery codes, shown once (they replace any earlier ones)`,
        body: TotpCode,
        response: { 200: RecoveryCodes, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await findUserById(db, actor.userId);
      const pending = user?.totpPendingSecret;
      if (!pending) {
        throw new AppError("conflict", authWords.noEnrolment);
      }
      if (!(await verify({ secret: pending, token: request.body.code, epochTolerance: TOTP_TOLERANCE_SECONDS })).valid) {
        throw new AppError("validation", authWords.codeWrong, [{ field: "body.code", message: authWords.codeWrongField }]);
      }
      await enableTotp(db, actor.userId, pending, clock.now());
      return { codes: await generateRecoveryCodes(db, clock, eventActor(actor), user) };
    },
  );

  app.post(
    "/auth/totp/disable",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, noCustomerData: true } },
      schema: {
        tags: ["auth"],
        summary: "Turn two-factor authentication off (needs a recent step-up)",
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireStepUp(request, clock);
      const user = await findUserById(db, actor.userId);
      if (!user?.totpEnabledAt) {
        throw new AppError("conflict", authWords.totpNotEnabled);
      }
      await disableTotp(db, actor.userId);
      await deleteRecoveryCodesOf(db, actor.userId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/tokens",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, noCustomerData: true } },
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
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, noCustomerData: true } },
      schema: {
        tags: ["auth"],
        summary: "Create an API token acting as you (shown once; needs a recent step-up, so never by a token)",
        body: CreateTokenBody,
        response: { 201: Type.Object({ id: Type.String(), token: Type.String(), prefix: Type.String() }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // A token minting tokens would outlive its own revocation.
      requireStepUp(request, clock);
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
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "token", noCustomerData: true } },
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
