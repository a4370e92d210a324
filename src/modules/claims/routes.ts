import { Type } from "typebox";
import { CUSTOMER_WRITERS, NO_CUSTOMERS, NO_STAFF } from "../../http/audience.ts";
import type { Db } from "../../db/engine.ts";
import type { StaffRole } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { requireCustomer, scopeOf, type Actor } from "../../http/actor.ts";
import { notFound } from "../../http/errors.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, IdParams } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import type { Clock } from "../../domain/clock.ts";
import { visibleController } from "../controllers/index.ts";
import { eventActor } from "../evidence/index.ts";
import { findProcessor } from "../processor/index.ts";
import { assessIntent } from "./assess-intent.ts";
import { capOf } from "./cap.ts";
import { confirmCureDate, proposeCureDate, recordCured } from "./cure-date.ts";
import { giveDefaultNotice } from "./give-default-notice.ts";
import { presentClaim, presentClaimSummary, presentDefaultNotice } from "./present.ts";
import { claimsOfEvent, defaultNoticeOf, findClaim, findDefaultNotice, listClaims, listDefaultNotices, timelineOf } from "./queries.ts";
import { recordClaim } from "./record-claim.ts";
import { AssessmentBody, ClaimBody, ClaimDetail, ClaimSummary, CuredBody, CureDateBody, DefaultNotice, DefaultNoticeBody } from "./schemas.ts";
import { claimWords } from "./words.ts";

/**
 * art. 11: notices of default and claims are confidential between the two parties: the processor's
 * admin and privacy officer, and the customer's owner and privacy contact (not support, the security
 * officer, the auditor or a customer's viewer). Row-level security keeps each customer to its own.
 */
export const CLAIM_STAFF: readonly StaffRole[] = ["admin", "privacy_officer"];

const tags = ["claims"];
const parties = { staff: CLAIM_STAFF, customer: CUSTOMER_WRITERS };
const onNotice = { ...parties, record: "defaultNotice" as const };
const onClaim = { ...parties, record: "claim" as const };
const sideOf = (actor: Actor) => (actor.kind === "staff" ? ("processor" as const) : ("customer" as const));

async function noticeDetail(tx: Db, clock: Clock, id: string) {
  const row = await findDefaultNotice(tx, id);
  if (!row) {
    throw notFound(claimWords.noun.defaultNotice);
  }
  return presentDefaultNotice(row, await timelineOf(tx, "default_notice", id), clock.now());
}

async function claimDetail(tx: Db, clock: Clock, actor: Actor, id: string) {
  const row = await findClaim(tx, id);
  if (!row) {
    throw notFound(claimWords.noun.claim);
  }
  const { timeZone: zone } = await findProcessor(tx);
  return presentClaim(row, {
    eventClaims: await claimsOfEvent(tx, row.event.id),
    cap: await capOf(tx, row.claim.controllerId, row.event.occurredAt, zone, actor.locale),
    notice: row.claim.defaultNoticeId ? await defaultNoticeOf(tx, row.claim.defaultNoticeId, row.claim.controllerId) : null,
    timeline: await timelineOf(tx, "claim", id),
    staff: actor.kind === "staff",
    now: clock.now(),
  });
}

export function claimRoutes(app: TypedApp, { db, clock }: RouteDeps): void {
  app.post(
    "/controllers/:id/default-notices",
    {
      config: { audience: { staff: NO_STAFF, customer: CUSTOMER_WRITERS, record: "controller" } },
      schema: {
        tags,
        summary:
          "Give the processor written notice of default (art. 11.5), describing the failure as completely as possible and when you learned of it; a notice given later than 48 hours after that is flagged",
        params: IdParams,
        body: DefaultNoticeBody,
        response: { 201: DefaultNotice, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      const controllerId = requireCustomer(actor, CUSTOMER_WRITERS);
      const out = await inScope(db, scopeOf(actor), async (tx) =>
        noticeDetail(tx, clock, await giveDefaultNotice(tx, clock, eventActor(actor), controllerId, request.body)),
      );
      return reply.status(201).send(out);
    },
  );

  app.get(
    "/default-notices",
    {
      config: { audience: parties },
      schema: {
        tags,
        summary: "Notices of default (art. 11.5), newest first: a customer its own",
        response: { 200: Type.Array(DefaultNotice), ...ErrorResponses },
      },
    },
    async (request) =>
      inScope(db, scopeOf(actorOf(request)), async (tx) => (await listDefaultNotices(tx, null)).map((row) => presentDefaultNotice(row, [], clock.now()))),
  );

  app.get(
    "/default-notices/:id",
    {
      config: { audience: onNotice },
      schema: {
        tags,
        summary: "One notice of default, its cure period and its evidence",
        params: IdParams,
        response: { 200: DefaultNotice, ...ErrorResponses },
      },
    },
    async (request) => inScope(db, scopeOf(actorOf(request)), (tx) => noticeDetail(tx, clock, request.params.id)),
  );

  app.post(
    "/default-notices/:id/cure-date",
    {
      config: { audience: onNotice },
      schema: {
        tags,
        summary: "Propose the date by which the failure is to be cured (art. 11.5); the other party confirms it",
        params: IdParams,
        body: CureDateBody,
        response: { 200: DefaultNotice, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        await proposeCureDate(tx, clock, eventActor(actor), sideOf(actor), request.params.id, request.body.date);
        return noticeDetail(tx, clock, request.params.id);
      });
    },
  );

  app.post(
    "/default-notices/:id/cure-date/confirmation",
    {
      config: { audience: onNotice },
      schema: {
        tags,
        summary:
          "Confirm the date the other party proposed, naming it: the cure period is agreed in writing and the processor's duty to cure runs to the end of that day",
        params: IdParams,
        body: CureDateBody,
        response: { 200: DefaultNotice, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        await confirmCureDate(tx, clock, eventActor(actor), sideOf(actor), request.params.id, request.body.date);
        return noticeDetail(tx, clock, request.params.id);
      });
    },
  );

  app.post(
    "/default-notices/:id/cured",
    {
      config: { audience: { staff: CLAIM_STAFF, customer: NO_CUSTOMERS, record: "defaultNotice" } },
      schema: {
        tags,
        summary: "Record the failure cured: the duty to cure is met, in time or late",
        params: IdParams,
        body: CuredBody,
        response: { 200: DefaultNotice, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        await recordCured(tx, clock, eventActor(actor), request.params.id, request.body.note);
        return noticeDetail(tx, clock, request.params.id);
      });
    },
  );

  app.get(
    "/claims",
    {
      config: { audience: parties },
      schema: {
        tags,
        summary: "The claims register (art. 11), newest first: a customer its own",
        response: { 200: Type.Array(ClaimSummary), ...ErrorResponses },
      },
    },
    async (request) => inScope(db, scopeOf(actorOf(request)), async (tx) => (await listClaims(tx, null)).map(presentClaimSummary)),
  );

  app.post(
    "/claims",
    {
      config: { audience: { staff: CLAIM_STAFF, customer: NO_CUSTOMERS } },
      schema: {
        tags,
        summary:
          "Record a customer's claim for damages: its event (an existing one, or new), the direct damage per head of art. 11.2 and the indirect damage (11.3); the cap and the lapse date (11.6) follow",
        body: ClaimBody,
        response: { 201: ClaimDetail, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const out = await inScope(db, scopeOf(actor), async (tx) => claimDetail(tx, clock, actor, await recordClaim(tx, clock, eventActor(actor), request.body)));
      return reply.status(201).send(out);
    },
  );

  app.get(
    "/claims/:id",
    {
      config: { audience: onClaim },
      schema: {
        tags,
        summary: "One claim with its event, the other claims of that event, the cap and how it was derived (art. 11.1), and its lapse date",
        params: IdParams,
        response: { 200: ClaimDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), (tx) => claimDetail(tx, clock, actor, request.params.id));
    },
  );

  app.post(
    "/claims/:id/assessment",
    {
      config: { audience: { staff: CLAIM_STAFF, customer: NO_CUSTOMERS, record: "claim" } },
      schema: {
        tags,
        summary: "Record the assessment of intent or deliberate recklessness of the processor or its management (art. 11.4) for the claim's event",
        params: IdParams,
        body: AssessmentBody,
        response: { 200: ClaimDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        await assessIntent(tx, clock, eventActor(actor), request.params.id, request.body);
        return claimDetail(tx, clock, actor, request.params.id);
      });
    },
  );
}
