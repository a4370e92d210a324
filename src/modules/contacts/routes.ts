import { CUSTOMER_WRITERS, NO_CUSTOMERS, NO_STAFF } from "../../http/audience.ts";
import { inScope } from "../../db/scope.ts";
import { requireCustomer, requireStaff, scopeOf, STAFF_ALL, STAFF_WRITE } from "../../http/actor.ts";
import { notFound } from "../../http/errors.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, IdParams, iso } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { assignmentsOf, Contact, ContactBody, contactOut, findContact, updateContact, visibleController } from "../controllers/index.ts";
import { eventActor } from "../evidence/index.ts";
import { confirmContact, contactCycle } from "./confirm-contact.ts";
import { ATTENTION_LIST_KEY, listAttention } from "./queries.ts";
import { decodeKeyset, keysetPage } from "../../http/cursor.ts";
import { AttentionList, AttentionQuery, ConfirmBody } from "./schemas.ts";
import { contactWords } from "./words.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const daysSince = (since: Date | null, now: Date) => (since ? Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS)) : null);

export function contactRoutes(app: TypedApp, deps: RouteDeps) {
  const { db, clock } = deps;

  app.put(
    "/controllers/:id/contact",
    {
      config: { audience: { staff: STAFF_WRITE, customer: CUSTOMER_WRITERS, record: "controller" } },
      schema: {
        tags: ["customers"],
        summary: "Keep the DPO or privacy contact current (art. 4.4); a change also confirms it and starts its yearly cycle again",
        params: IdParams,
        body: ContactBody,
        response: { 200: Contact, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      if (actor.kind === "customer") {
        requireCustomer(actor, CUSTOMER_WRITERS);
      } else {
        requireStaff(actor, STAFF_WRITE);
      }
      return inScope(db, scopeOf(actor), async (tx) => {
        const before = await contactCycle(tx, request.params.id);
        await updateContact(tx, clock, eventActor(actor), request.params.id, request.body);
        await confirmContact(tx, clock, eventActor(actor), request.params.id, { via: "change", before });
        const saved = await findContact(tx, request.params.id);
        if (!saved) {
          throw new Error("contact upsert returned nothing");
        }
        return contactOut(saved);
      });
    },
  );

  app.post(
    "/controllers/:id/contact/confirmation",
    {
      config: { audience: { staff: NO_STAFF, customer: CUSTOMER_WRITERS, record: "controller" } },
      schema: {
        tags: ["customers"],
        summary: "Confirm that the privacy contact is still correct (art. 4.4): clears a stale mark, meets the open request and starts the yearly cycle again",
        params: IdParams,
        body: ConfirmBody,
        response: { 200: Contact, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      requireCustomer(actor, CUSTOMER_WRITERS);
      return inScope(db, scopeOf(actor), async (tx) => {
        await confirmContact(tx, clock, eventActor(actor), request.params.id, { via: "button", seenUpdatedAt: new Date(request.body.updatedAt) });
        const saved = await findContact(tx, request.params.id);
        if (!saved) {
          throw notFound(contactWords.noun.contact);
        }
        return contactOut(saved);
      });
    },
  );

  app.get(
    "/contacts",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["customers"],
        summary:
          "Privacy contacts that need attention (art. 4.4): stale (not confirmed in time), failing (e-mail bounced) or asked and awaiting confirmation; the longest first, a page after `after` (keyset)",
        querystring: AttentionQuery,
        response: { 200: AttentionList, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = clock.now();
      const { limit } = request.query;
      const after = decodeKeyset(request.query.after, ATTENTION_LIST_KEY);
      const result = await inScope(db, scopeOf(actor), async (tx) => {
        const assigned = await assignmentsOf(tx, actor);
        return listAttention(tx, {
          state: request.query.state ?? "attention",
          search: request.query.search,
          onlyIds: assigned ? [...assigned] : null,
          limit,
          after,
        });
      });
      const { items, next } = keysetPage(result.items, limit);
      return {
        total: result.total,
        totalExact: result.exact,
        next,
        items: items.map(({ key: _key, ...i }) => ({
          ...i,
          lastConfirmedAt: i.lastConfirmedAt.toISOString(),
          requestedAt: iso(i.requestedAt),
          remindedAt: iso(i.remindedAt),
          staleAt: iso(i.staleAt),
          staleSince: iso(i.staleSince),
          staleDays: daysSince(i.staleSince, now),
          failingSince: iso(i.failingSince),
          failingDays: daysSince(i.failingSince, now),
        })),
      };
    },
  );
}
