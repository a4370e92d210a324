import { STAFF_ROLES, type CustomerRole, type StaffRole } from "../db/schema/index.ts";
import { httpWords } from "./words.ts";
import type { Scope } from "../db/scope.ts";
import type { Locale } from "../domain/agreement-document.ts";
import type { LocalizedText } from "../domain/text.ts";
import { forbidden, notFound } from "./errors.ts";

// Who is calling, and the access rules every route applies: the core of tenant isolation, so the
// core (request context) and every module share it.

/** Who is making a request, resolved from a session or an API token. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  locale: Locale;
  kind: "staff" | "customer";
  staffRole: StaffRole | null;
  customerRole: CustomerRole | null;
  controllerId: string | null;
  via: "session" | "token";
  /**
   * A staff user's standing under art. 2.3 and 9.1, settled with the actor for each request
   * (modules/access): whether they confirmed the current confidentiality statement, and their
   * break-glass grants in force. Absent for customers; a staff actor without it counts as unconfirmed.
   */
  access?: StaffAccess;
}

/** A break-glass grant in force: support's time-limited access to a customer not assigned to them. */
export interface BreakGlassGrant {
  grantId: string;
  reason: string;
  expiresAt: Date;
}

export interface StaffAccess {
  statementConfirmed: boolean;
  /** By controller id. */
  breakGlass: ReadonlyMap<string, BreakGlassGrant>;
}

/** The row-level-security scope of an actor's transactions. */
export function scopeOf(actor: Actor): Scope {
  if (actor.kind === "customer" && actor.controllerId) {
    return { kind: "controller", controllerId: actor.controllerId };
  }
  return { kind: "processor" };
}

/** Staff roles allowed to change things in the back-office. */
export function requireStaff(actor: Actor, roles: readonly StaffRole[]): void {
  if (actor.kind !== "staff" || !actor.staffRole || !roles.includes(actor.staffRole)) {
    throw forbidden();
  }
}

export function requireCustomer(actor: Actor, roles: readonly CustomerRole[]): string {
  if (actor.kind !== "customer" || !actor.controllerId || !actor.customerRole) {
    throw forbidden(httpWords.customersOnly);
  }
  if (!roles.includes(actor.customerRole)) {
    throw forbidden();
  }
  return actor.controllerId;
}

/**
 * Tenant isolation for a record that belongs to `controllerId`: a customer user of another
 * controller gets "not found" (not "forbidden": the record's existence is not disclosed), and so
 * does support staff not assigned to it (art. 9.1 need-to-know).
 */
export function assertMaySee(actor: Actor, controllerId: string, assigned: ReadonlySet<string> | null, what: LocalizedText): void {
  if (actor.kind === "customer" && actor.controllerId !== controllerId) {
    throw notFound(what);
  }
  if (actor.kind === "staff" && actor.staffRole === "support" && !assigned?.has(controllerId)) {
    throw notFound(what);
  }
}

export const STAFF_WRITE: readonly StaffRole[] = ["admin", "privacy_officer"];
export const STAFF_ALL: readonly StaffRole[] = STAFF_ROLES;
