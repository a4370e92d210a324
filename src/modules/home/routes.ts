import { hiddenObligationKinds } from "../obligations/index.ts";
import { Type } from "typebox";
import { CUSTOMER_ALL, NO_CUSTOMERS, NO_STAFF } from "../../http/audience.ts";
import { inScope } from "../../db/scope.ts";
import { requireCustomer, scopeOf, STAFF_ALL, STAFF_WRITE } from "../../http/actor.ts";
import { actorOf, requestMeta } from "../../http/request-context.ts";
import { ErrorResponses } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { assignmentsOf } from "../controllers/index.ts";
import { loadProcessorContext } from "../notices/index.ts";
import { bulkCountersign } from "./bulk-countersign.ts";
import { customerHomeRows, homeAt, wordedHome, type CustomerHomeRows, type WordedHome } from "./customer-home.ts";
import { FeedCache } from "../../db/change-feed.ts";
import type { Actor } from "../../http/actor.ts";
import { BadgesOut, BulkCountersignBody, BulkCountersignOut, CustomerHomeOut, SeenBody, StaffHomeOut } from "./schemas.ts";
import { staffBadges, staffHome } from "./staff-home.ts";
import { markSeen } from "./staff-queries.ts";

/** A value with every Date as its ISO 8601 text, as the response schemas have them. */
type Iso<T> = T extends Date ? string : T extends readonly (infer U)[] ? Iso<U>[] : T extends object ? { [K in keyof T]: Iso<T[K]> } : T;

export function iso<T>(value: T): Iso<T> {
  if (value instanceof Date) {
    return value.toISOString() as Iso<T>;
  }
  if (Array.isArray(value)) {
    return value.map((v: unknown) => iso(v)) as Iso<T>;
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key in value) {
      out[key] = iso((value as Record<string, unknown>)[key]);
    }
    return out as Iso<T>;
  }
  return value as Iso<T>;
}

/** Homes kept per customer until the change feed says its records changed (db/change-feed.ts). */
const KEPT = { max: 20_000, maxAgeMs: 60_000 };

export function homeRoutes(app: TypedApp, { db, clock, changes }: RouteDeps) {
  const tags = ["home"];
  const kept = new FeedCache<CustomerHomeRows>(changes, { name: "customer_home", prefix: "c:", ...KEPT });
  // The rows worded per language and zone, kept as long as the rows are (a new read is a new object).
  const worded = new WeakMap<CustomerHomeRows, Map<string, WordedHome>>();
  const homeOf = async (actor: Actor, controllerId: string) => {
    const { zone } = await loadProcessorContext(db);
    const now = clock.now();
    const rows = await kept.get(controllerId, () => customerHomeRows(db, scopeOf(actor), controllerId, now), now.getTime());
    let byLanguage = worded.get(rows);
    if (!byLanguage) {
      byLanguage = new Map();
      worded.set(rows, byLanguage);
    }
    const key = `${actor.locale} ${zone}`;
    let home = byLanguage.get(key);
    if (!home) {
      home = wordedHome(rows, controllerId, actor.locale, zone);
      byLanguage.set(key, home);
    }
    return homeAt(home, now);
  };

  app.get(
    "/home",
    {
      config: { audience: { staff: NO_STAFF, customer: CUSTOMER_ALL } },
      schema: {
        tags,
        summary:
          "What needs your attention, most urgent first: an agreement to sign, your own 72-hour clock to the Autoriteit Persoonsgegevens per breach, open objection windows, notices to acknowledge, your privacy contact; and the navigation's badges",
        response: { 200: CustomerHomeOut, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const controllerId = requireCustomer(actor, CUSTOMER_ALL);
      return homeOf(actor, controllerId);
    },
  );

  app.get(
    "/staff-home",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS } },
      schema: {
        tags,
        summary:
          "What needs the processor: agreements to countersign, duties overdue and due soon, new objections and messages since you last looked, customers of a breach not yet notified, failing contacts, held email; and the charts' figures",
        response: { 200: StaffHomeOut, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { zone } = await loadProcessorContext(db);
      const home = await inScope(db, scopeOf(actor), async (tx) => {
        const assigned = await assignmentsOf(tx, actor);
        return staffHome(tx, actor.userId, assigned ? [...assigned] : null, clock.now(), actor.locale, zone, hiddenObligationKinds(actor));
      });
      return iso(home);
    },
  );

  app.get(
    "/home/badges",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: {
        tags,
        summary:
          "The navigation's badges: a customer's active breaches, unread notices, open objection windows; staff's new objections and messages, agreements to countersign",
        response: { 200: BadgesOut, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const zero = { breaches: 0, notices: 0, subprocessors: 0, objections: 0, messages: 0, countersign: 0 };
      if (actor.kind === "customer") {
        const controllerId = requireCustomer(actor, CUSTOMER_ALL);
        const home = await homeOf(actor, controllerId);
        return { ...zero, ...home.badges };
      }
      const badges = await inScope(db, scopeOf(actor), async (tx) => {
        const assigned = await assignmentsOf(tx, actor);
        return staffBadges(tx, actor.userId, assigned ? [...assigned] : null);
      });
      return { ...zero, ...badges };
    },
  );

  app.put(
    "/seen",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS } },
      schema: {
        tags,
        summary: "Remember that you looked at new objections or messages now: the unread badges count from here",
        body: SeenBody,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await inScope(db, scopeOf(actor), (tx) => markSeen(tx, actor.userId, request.body.topic, clock.now()));
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/agreements/countersign",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["agreements"],
        summary:
          "Countersign several agreements in one action (art. 12.1): each on its own, with its own evidence; the answer says per agreement whether it was countersigned, could not be (e.g. already countersigned), or was not found",
        body: BulkCountersignBody,
        response: { 200: BulkCountersignOut, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const results = await bulkCountersign(db, clock, actor, request.body, requestMeta(request), actor.locale);
      return { countersigned: results.filter((r) => r.outcome === "countersigned").length, results };
    },
  );
}
