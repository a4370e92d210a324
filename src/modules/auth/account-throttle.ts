import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { AppError } from "../../http/errors.ts";
import { requestMeta } from "../../http/request-context.ts";
import { chargeLoginAttempt, recordLockout, type ChargedAttempt, type LoginUser } from "./login-attempts.ts";
import { lockedForMs, retryAfterSeconds } from "./login-throttle.ts";
import { clearThrottle } from "./throttle-queries.ts";
import { authWords } from "./words.ts";
import { browserSession } from "../../http/sessions.ts";

/** 429 with Retry-After: the account is locked for `ms` more (per-account login limit). */
export function lockedOut(reply: FastifyReply, ms: number): AppError {
  const seconds = retryAfterSeconds(ms);
  void reply.header("retry-after", String(seconds));
  return new AppError("rate_limited", authWords.locked(Math.ceil(seconds / 60)));
}

/**
 * The account's failed logins, counted under the address typed whether or not a user has it (the
 * same answers either way). `charge` counts the attempt before its password is checked (refusing
 * while the account is locked); `failed` turns the answer into a 429 if this attempt locked it;
 * `succeeded` forgets the count. Login, step-up and a password change (the current password) share it.
 */
export function accountThrottle(
  db: Db,
  clock: Clock,
  request: FastifyRequest,
  reply: FastifyReply,
  account: string,
  user: (LoginUser & { disabledAt: Date | null }) | null,
) {
  let charged: ChargedAttempt | null = null;
  return {
    charge: async () => {
      charged = await chargeLoginAttempt(db, clock, account);
      if (charged.refusedForMs > 0) {
        throw lockedOut(reply, charged.refusedForMs);
      }
    },
    failed: async (error: AppError): Promise<AppError> => {
      const lockedBy = charged?.lockedBy;
      if (!lockedBy) {
        return error;
      }
      if (user && !user.disabledAt) {
        await recordLockout(db, clock, user, lockedBy, requestMeta(request));
      }
      return lockedOut(reply, lockedForMs(lockedBy, clock.now()));
    },
    succeeded: () => clearThrottle(db, account),
  };
}

/** Starts a fresh session for the user (a new id: no fixation), remembering the browser for their sessions list. */
export async function startSession(request: FastifyRequest, clock: Clock, userId: string): Promise<void> {
  await browserSession(request).regenerate();
  const fresh = browserSession(request); // regenerate() put a new session on the request
  fresh.set("userId", userId);
  fresh.set("seenAt", clock.now().getTime());
  const agent = request.headers["user-agent"];
  if (agent) {
    fresh.set("userAgent", agent.slice(0, 400));
  }
}
