import { setTimeout as sleep } from "node:timers/promises";
import { Type } from "typebox";
import { CUSTOMER_ALL, PUBLIC } from "../../http/audience.ts";
import { STAFF_ALL } from "../../http/actor.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf } from "../../http/request-context.ts";
import { AppError } from "../../http/errors.ts";
import { ErrorBodySchema, ErrorResponses } from "../../http/schemas.ts";
import { httpWords } from "../../http/words.ts";
import { eventActor } from "../evidence/index.ts";
import { accountThrottle, startSession } from "./account-throttle.ts";
import { acceptInvitation, changePassword, confirmPasswordReset, inspectLink, requestPasswordReset } from "./password-use-cases.ts";
import { verifyPassword } from "./passwords.ts";
import { findUserById } from "./queries.ts";
import { toActor } from "./resolve-actor.ts";
import { ChangePasswordBody, InspectLinkBody, LinkInfoSchema, PasswordResetBody, SetPasswordBody } from "./schemas.ts";
import { sessionKey } from "./session-store.ts";
import { authWords } from "./words.ts";
import { browserSession } from "../../http/sessions.ts";

/** A reset request is answered no sooner than this, known address or not, so its time tells nothing. */
export const RESET_ANSWER_MS = 400;
/** Reset e-mails per address an hour (and requests per client address, in the route's config). */
const RESET_PER_ADDRESS = { max: 3, timeWindow: 60 * 60_000 };

export function passwordRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  const perAddress = app.createRateLimit({
    ...RESET_PER_ADDRESS,
    keyGenerator: (request) =>
      `reset:${String((request.body as { email?: unknown }).email)
        .trim()
        .toLowerCase()}`,
  });

  app.post(
    "/auth/password-reset",
    {
      config: { audience: PUBLIC, rateLimit: { max: 10, timeWindow: "15 minutes" } },
      schema: {
        tags: ["auth"],
        summary: "Forgot password: e-mails a single-use link (1 hour) if an account has this address; the same answer either way",
        body: PasswordResetBody,
        response: { 202: Type.Object({ message: Type.String() }), ...ErrorResponses, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const started = performance.now();
      const limit = await perAddress(request);
      if (!limit.isAllowed && limit.isExceeded) {
        void reply.header("retry-after", String(limit.ttlInSeconds));
        throw new AppError("rate_limited", authWords.tooManyResets);
      }
      await requestPasswordReset(db, clock, request.body.email);
      const rest = RESET_ANSWER_MS - (performance.now() - started);
      if (rest > 0) {
        await sleep(rest);
      }
      const locale = request.actor?.locale ?? (/^\s*en\b/i.test(request.headers["accept-language"] ?? "") ? "en" : "nl");
      return reply.status(202).send({ message: authWords.resetQueued[locale] });
    },
  );

  app.post(
    "/auth/links/inspect",
    {
      config: { audience: PUBLIC, rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Whose account an invitation or reset link is for, and until when it works (400 when it cannot be used)",
        body: InspectLinkBody,
        response: { 200: LinkInfoSchema, ...ErrorResponses, 429: ErrorBodySchema },
      },
    },
    async (request) => {
      const info = await inspectLink(db, clock, request.body.secret, request.body.purpose);
      return { ...info, expiresAt: info.expiresAt.toISOString() };
    },
  );

  app.post(
    "/auth/password-reset/confirm",
    {
      config: { audience: PUBLIC, rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Set a new password with a reset link: the link is spent and every session of the account ends",
        body: SetPasswordBody,
        response: { 204: Type.Null(), ...ErrorResponses, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await confirmPasswordReset(db, clock, request.body.secret, request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/auth/invitations/accept",
    {
      config: { audience: PUBLIC, rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Accept an invitation: set a first password with its link (spent) and be logged in",
        body: SetPasswordBody,
        response: {
          200: Type.Object({ userId: Type.String(), kind: Type.Union([Type.Literal("staff"), Type.Literal("customer")]) }),
          ...ErrorResponses,
          429: ErrorBodySchema,
        },
      },
    },
    async (request) => {
      const user = await acceptInvitation(db, clock, request.body.secret, request.body.password);
      await startSession(request, clock, user.id);
      request.actor = toActor(user, "session");
      return { userId: user.id, kind: user.kind };
    },
  );

  app.post(
    "/auth/password",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, noCustomerData: true }, rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Change your password (the current one is asked); your other sessions end. A logged-in session only, never a token",
        body: ChangePasswordBody,
        response: { 200: Type.Object({ sessionsEnded: Type.Integer() }), ...ErrorResponses, 429: ErrorBodySchema },
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
      const throttle = accountThrottle(db, clock, request, reply, user.email.trim().toLowerCase(), user);
      await throttle.charge();
      if (!(await verifyPassword(user.passwordHash, request.body.currentPassword))) {
        throw await throttle.failed(
          new AppError("validation", authWords.passwordWrong, [{ field: "body.currentPassword", message: authWords.passwordWrongField }]),
        );
      }
      await throttle.succeeded();
      const sessionsEnded = await changePassword(
        db,
        clock,
        eventActor(actor),
        user,
        request.body.newPassword,
        actor.via === "session" ? sessionKey(browserSession(request).sessionId) : null,
      );
      return { sessionsEnded };
    },
  );
}
