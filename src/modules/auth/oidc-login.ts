import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import type { CustomerRole, StaffRole } from "../../db/schema/index.ts";
import { STAFF_ALL } from "../../http/actor.ts";
import { CUSTOMER_ALL } from "../../http/audience.ts";
import type { Clock } from "../../domain/clock.ts";
import type { SsoError } from "../../domain/sso-errors.ts";
import type { RequestMeta } from "../../http/request-context.ts";
import { recordEvents, SYSTEM_ACTOR, type EventInput } from "../evidence/index.ts";
import type { OidcClaims } from "./oidc-client.ts";
import {
  findControllerByNumber,
  findIdentityUser,
  findSsoUserByEmail,
  findUserOf,
  insertIdentity,
  insertSsoUser,
  setUserRole,
  touchIdentity,
  type SsoUser,
} from "./oidc-queries.ts";

/** Which issuer a sign-in came through: the control panel's users are customers, the staff issuer's staff. */
export type OidcProvider = "customer" | "staff";
export const OIDC_PROVIDERS: readonly OidcProvider[] = ["customer", "staff"];

export interface SsoSignIn {
  provider: OidcProvider;
  /** The validated claims (issuer, audience, nonce, expiry and signature checked by oidc-client.ts). */
  claims: OidcClaims;
  customerClaim: string;
  roleClaim: string;
  meta: RequestMeta;
}

export type SsoOutcome = { ok: true; user: SsoUser } | { ok: false; error: SsoError };

const text = (value: unknown, max: number): string | null => {
  const result = typeof value === "string" ? value.trim() : typeof value === "number" && Number.isSafeInteger(value) ? String(value) : "";
  return result !== "" && result.length <= max && !/[\u0000-\u001f]/.test(result) ? result : null;
};
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const customerRoleOf = (value: unknown) => ((CUSTOMER_ALL as readonly unknown[]).includes(value) ? (value as CustomerRole) : null);
const staffRoleOf = (value: unknown) => ((STAFF_ALL as readonly unknown[]).includes(value) ? (value as StaffRole) : null);
const localeOf = (value: unknown, fallback: "nl" | "en"): "nl" | "en" => {
  const tag = typeof value === "string" ? value.toLowerCase() : "";
  return tag.startsWith("en") ? "en" : tag.startsWith("nl") ? "nl" : fallback;
};

/**
 * Signs in the person an issuer vouched for. Its identity (issuer + subject) names the user once
 * linked; on a first sign-in a user is created, or an existing user with the same verified e-mail
 * address (of the same customer, or staff for the staff issuer) is linked. A customer user's
 * customer-number claim must name its own customer, the role claim a valid role of its kind; the role
 * follows the claim on every sign-in. A disabled user is refused. Every user created or linked, every
 * role changed and every refusal that names a user is evidence, in the same transaction.
 */
export async function signInWithOidc(db: Db, clock: Clock, input: SsoSignIn): Promise<SsoOutcome> {
  const { claims, provider, meta } = input;
  const issuer = claims.iss;
  const subject = claims.sub;
  const now = clock.now();
  const from = { issuer, subject, provider, ip: meta.ip, ipSource: meta.ipSource, proxyIp: meta.proxyIp };
  const customerNumber = text(claims[input.customerClaim], 100);
  const roleClaim = claims[input.roleClaim];

  return inScope(db, { kind: "processor" }, async (tx) => {
    const events: EventInput[] = [];
    const refuse = async (error: SsoError, user: SsoUser | null, data: Record<string, unknown> = {}): Promise<SsoOutcome> => {
      if (user) {
        await recordEvents(tx, clock, [
          ...events,
          {
            type: "auth.sso_refused",
            actor: SYSTEM_ACTOR,
            controllerId: user.controllerId,
            subject: { type: "user", id: user.id },
            data: { ...from, reason: error, ...data },
          },
        ]);
      }
      return { ok: false, error };
    };

    // Who the claims say this is: a customer (by its customer number) with a customer role, or staff.
    let role: { customerRole: CustomerRole } | { staffRole: StaffRole } | null;
    let controller: Awaited<ReturnType<typeof findControllerByNumber>> = null;
    if (provider === "customer") {
      const customerRole = customerRoleOf(roleClaim);
      role = customerRole ? { customerRole } : null;
      controller = customerNumber ? await findControllerByNumber(tx, customerNumber) : null;
    } else {
      const staffRole = staffRoleOf(roleClaim);
      role = staffRole ? { staffRole } : null;
    }
    const claimed = { claimedCustomerNumber: customerNumber, claimedRole: typeof roleClaim === "string" ? roleClaim.slice(0, 100) : null };
    /** Why these claims cannot sign in `user` (or anyone), or null. */
    const unfit = (user: SsoUser | null): SsoError | null => {
      if (provider === "customer") {
        if (!customerNumber) {
          return "customer_missing";
        }
        if (!controller) {
          return "customer_unknown";
        }
        if (user && (user.kind !== "customer" || user.controllerId !== controller.id)) {
          return "customer_mismatch";
        }
      } else if (user && user.kind !== "staff") {
        return "customer_mismatch";
      }
      return role ? null : "role_invalid";
    };

    let user = await findIdentityUser(tx, issuer, subject);
    if (!user) {
      const problem = unfit(null);
      if (problem) {
        return refuse(problem, null);
      }
      const email = text(claims.email, 254)?.toLowerCase() ?? null;
      if (!email || !EMAIL.test(email)) {
        return refuse("email_missing", null);
      }
      const existing = await findSsoUserByEmail(tx, email);
      if (existing) {
        // Only an address the issuer verified, of a user of the same customer (or staff), is linked.
        if (claims.email_verified !== true || unfit(existing)) {
          return refuse("email_taken", existing, { ...claimed, emailVerified: claims.email_verified === true });
        }
        if (existing.disabledAt) {
          return refuse("disabled", existing);
        }
        user = existing;
        events.push({
          type: "auth.sso_identity_linked",
          actor: SYSTEM_ACTOR,
          controllerId: user.controllerId,
          subject: { type: "user", id: user.id },
          data: { ...from, email },
        });
      } else {
        const name = text(claims.name, 200) ?? email;
        const locale = localeOf(claims.locale, controller?.locale ?? "nl");
        // (unfit(null) has checked both; the narrowing is for the types.)
        if (!role) {
          return refuse("role_invalid", null);
        }
        if ("customerRole" in role) {
          if (!controller) {
            return refuse("customer_unknown", null);
          }
          user = await insertSsoUser(tx, { email, name, locale, kind: "customer", controllerId: controller.id, customerRole: role.customerRole });
        } else {
          user = await insertSsoUser(tx, { email, name, locale, kind: "staff", staffRole: role.staffRole });
        }
        events.push({
          type: "auth.sso_user_created",
          actor: SYSTEM_ACTOR,
          controllerId: user.controllerId,
          subject: { type: "user", id: user.id },
          data: { ...from, email, kind: user.kind, role: user.customerRole ?? user.staffRole },
        });
      }
      await insertIdentity(tx, { issuer, subject, userId: user.id, lastLoginAt: now });
    } else {
      const problem = unfit(user);
      if (problem) {
        return refuse(problem, user, claimed);
      }
      if (user.disabledAt) {
        return refuse("disabled", user);
      }
      await touchIdentity(tx, issuer, subject, now);
    }

    // The role follows the issuer's claim.
    const before = user.customerRole ?? user.staffRole;
    const after = role && ("customerRole" in role ? role.customerRole : role.staffRole);
    if (role && after !== before) {
      user = await setUserRole(tx, user.id, role);
      events.push({
        type: "auth.sso_role_changed",
        actor: SYSTEM_ACTOR,
        controllerId: user.controllerId,
        subject: { type: "user", id: user.id },
        data: { ...from, from: before, to: after },
      });
    }
    await recordEvents(tx, clock, events);
    return { ok: true, user };
  });
}

/** How far an ID token's auth_time may lie from the server's clock for a step-up (seconds). */
export const STEP_UP_AUTH_TIME_SECONDS = 5 * 60;

export interface SsoStepUp {
  /** The user signed in in the session asking for the step-up. */
  userId: string;
  provider: OidcProvider;
  /** The validated claims of the new sign-in at the issuer (oidc-client.ts). */
  claims: OidcClaims;
  meta: RequestMeta;
}

/**
 * A step-up through the issuer, for a user without a password: the claims must name the session's own
 * user (its linked identity: same issuer and subject) and say the person signed in at the issuer just
 * now (auth_time within STEP_UP_AUTH_TIME_SECONDS of the clock). Signs no one in and changes no role;
 * a refusal is evidence on the session's user.
 */
export async function stepUpWithOidc(db: Db, clock: Clock, input: SsoStepUp): Promise<{ ok: true } | { ok: false; error: SsoError }> {
  const { claims, provider, meta } = input;
  const from = { issuer: claims.iss, subject: claims.sub, provider, ip: meta.ip, ipSource: meta.ipSource, proxyIp: meta.proxyIp, stepUp: true };
  return inScope(db, { kind: "processor" }, async (tx) => {
    const identityUser = await findIdentityUser(tx, claims.iss, claims.sub);
    const authTime = typeof claims.auth_time === "number" ? claims.auth_time * 1000 : null;
    const error: SsoError | null =
      identityUser?.id !== input.userId
        ? "step_up_other_user"
        : identityUser.disabledAt
          ? "disabled"
          : authTime === null || Math.abs(clock.now().getTime() - authTime) > STEP_UP_AUTH_TIME_SECONDS * 1000
            ? "step_up_stale"
            : null;
    if (error) {
      const user = await findUserOf(tx, input.userId);
      if (user) {
        await recordEvents(tx, clock, [
          {
            type: "auth.sso_refused",
            actor: SYSTEM_ACTOR,
            controllerId: user.controllerId,
            subject: { type: "user", id: user.id },
            data: { ...from, reason: error, authTime: authTime === null ? null : new Date(authTime).toISOString() },
          },
        ]);
      }
      return { ok: false, error };
    }
    await touchIdentity(tx, claims.iss, claims.sub, clock.now());
    return { ok: true };
  });
}
