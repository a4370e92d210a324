import type { FastifyRequest, RouteOptions } from "fastify";
import { httpWords } from "./words.ts";
import { CUSTOMER_ROLES, type CustomerRole, type StaffRole } from "../db/schema/index.ts";
import { AppError, forbidden } from "./errors.ts";
import { actorOf } from "./request-context.ts";

// Who may call a route, declared where the route is defined (`config: { audience }`). The core
// enforces it for every request before the route reads its input, publishes it in the OpenAPI
// document (`x-audience`), and the isolation matrix (src/http/isolation.test.ts) tests every route
// by it. A route under /api/v1 without a declaration is refused when it is registered.

/** A customer's record a route's `{id}` can name: another customer asking for it gets 404. */
export type CustomerRecord =
  | "controller"
  | "agreement"
  | "notice"
  | "delivery"
  | "webhookEndpoint"
  | "obligation"
  | "breach"
  | "breachNotice"
  | "subprocessorChange"
  | "objection"
  | "attachment"
  | "token"
  | "user"
  | "session"
  | "case"
  | "subjectRequest"
  | "subjectRequestFile"
  | "deletionLine"
  | "legalHold"
  | "deletionCertificate"
  | "audit"
  | "auditFile"
  | "defaultNotice"
  | "claim";

/**
 * Records told to several customers at once (a sub-processor change is announced to all who use the
 * service): a customer who was not told gets 404, but to staff it is the processor's own act, not
 * one customer's record, so support sees it without being assigned.
 */
export const TOLD_TO_SEVERAL: readonly CustomerRecord[] = ["subprocessorChange"];

export type Audience =
  | {
      /** Anyone, signed in or not (the login, the public trust page, a calendar feed by its secret). */
      public: true;
    }
  | {
      public?: false;
      /** Staff roles that may call it. */
      staff: readonly StaffRole[];
      /** Customer roles that may call it, each for its own customer only. */
      customer: readonly CustomerRole[];
      /**
       * What the path's `{id}` names, required when the path has one: a customer's record (someone
       * else's → 404, so its existence is not disclosed) or "shared" (the processor's, the same for all).
       */
      record?: CustomerRecord | "shared";
      /**
       * Staff may call it before confirming the confidentiality statement (art. 2.3, 9.1): it shows
       * no customer's data (their own profile, sign-in, the statement itself). Every other route
       * answers 403 confidentiality_required to staff who have not confirmed the current version.
       */
      noCustomerData?: true;
      /**
       * Support staff not assigned to the `{id}`'s customer may call it: asking for access (break
       * glass) is its point. The isolation matrix does not expect their 404 here.
       */
      outsideAssignment?: true;
    };

declare module "fastify" {
  interface FastifyContextConfig {
    audience?: Audience;
  }
}

export const PUBLIC: Audience = { public: true };
export const CUSTOMER_ALL: readonly CustomerRole[] = CUSTOMER_ROLES;
/** Customer users who may act for their customer (not a viewer). */
export const CUSTOMER_WRITERS: readonly CustomerRole[] = ["owner", "privacy_contact"];
/** The customer's owner only (its webhooks, a replay of its deliveries). */
export const OWNERS: readonly CustomerRole[] = ["owner"];
export const NO_CUSTOMERS: readonly CustomerRole[] = [];
export const NO_STAFF: readonly StaffRole[] = [];

/** Refuses a route under /api/v1 that does not say who may call it, or that names no record for its `{id}`. */
export function assertAudienceDeclared(route: RouteOptions): void {
  if (!route.url.startsWith("/api/v1/")) {
    return;
  }
  const audience = route.config?.audience;
  const name = `${String(route.method)} ${route.url}`;
  if (!audience) {
    throw new Error(`${name} declares no audience: add config: { audience } (src/http/audience.ts)`);
  }
  if (!audience.public && route.url.includes("/:") && !audience.record) {
    throw new Error(`${name} has a path parameter but its audience names no record: say which customer record it is, or "shared"`);
  }
}

/** The audience check of every request: 401 without a signed-in user, 403 for a role the route does not admit. */
export function enforceAudience(request: FastifyRequest): void {
  const audience = request.routeOptions.config.audience;
  if (!audience || audience.public) {
    return;
  }
  const actor = actorOf(request);
  if (actor.kind === "staff" && !(actor.staffRole && audience.staff.includes(actor.staffRole))) {
    throw audience.staff.length === 0 ? forbidden(httpWords.customersOnly) : forbidden();
  }
  if (actor.kind === "customer" && !(actor.customerRole && actor.controllerId && audience.customer.includes(actor.customerRole))) {
    throw audience.customer.length === 0 ? forbidden(httpWords.staffOnly) : forbidden();
  }
  // art. 2.3, 9.1: no customer's data for staff who have not confirmed the current confidentiality statement.
  if (actor.kind === "staff" && !audience.noCustomerData && actor.access?.statementConfirmed !== true) {
    throw new AppError("confidentiality_required", httpWords.confidentialityRequired);
  }
}
