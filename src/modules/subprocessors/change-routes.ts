import { CUSTOMER_ALL, NO_CUSTOMERS } from "../../http/audience.ts";
import { subprocessorWords } from "./words.ts";
import { Type } from "typebox";
import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses } from "../../http/schemas.ts";
import { invalid } from "../../http/errors.ts";
import { IdParams } from "../../http/schemas.ts";
import { scopeOf, STAFF_ALL, STAFF_WRITE, type Actor } from "../../http/actor.ts";
import { eventActor } from "../evidence/index.ts";
import { assignmentsOf } from "../controllers/index.ts";
import { visibleChange } from "./access.ts";
import { announceSubprocessorChange } from "./announce-change.ts";
import { applySubprocessorChange } from "./apply-change.ts";
import {
  CHANGE_LIST_KEY,
  changeExtras,
  findChange,
  listChanges,
  listRecipients,
  objectionsOfCustomer,
  RECIPIENT_LIST_KEY,
  recipientRowsOf,
  type ChangeRow,
} from "./change-queries.ts";
import { decodeKeyset, keysetPage, NextCursor, TotalExact } from "../../http/cursor.ts";
import { presentChange } from "./present.ts";
import { findServices } from "./queries.ts";
import { AnnounceBody, Change, ChangeListQuery, EffectiveDateBody, Recipient, RecipientsQuery, WithdrawBody } from "./schemas.ts";
import { setChangeEffectiveDate } from "./set-effective-date.ts";
import { withdrawSubprocessorChange } from "./withdraw-change.ts";

/** Changes as this actor sees them: staff with counts; a customer with its own window and objection. */
async function presentChanges(tx: Db, actor: Actor, changes: ChangeRow[], now: Date) {
  const extras = await changeExtras(tx, changes);
  const serviceOf = new Map((await findServices(tx, [...new Set(changes.flatMap((c) => c.plan.serviceIds))])).map((s) => [s.id, s]));
  let mine = null;
  if (actor.kind === "customer" && actor.controllerId) {
    const controllerId = actor.controllerId;
    const ids = changes.map((c) => c.id);
    const recipientRows = await recipientRowsOf(tx, controllerId, ids);
    const own = await objectionsOfCustomer(tx, controllerId, ids);
    mine = new Map(
      recipientRows.map((r) => {
        const objection = own.find((o) => o.changeId === r.changeId);
        return [
          r.changeId,
          { windowEndsAt: r.windowEndsAt, templateVersion: r.templateVersion, objection: objection ? { id: objection.id, status: objection.status } : null },
        ];
      }),
    );
  }
  return changes.map((c) =>
    presentChange(c, { nameOf: extras.nameOf, serviceOf, objectionsOf: actor.kind === "staff" ? extras.objectionsOf : null, mine, now }),
  );
}

async function presentOne(db: Db, actor: Actor, id: string, now: Date) {
  return inScope(db, scopeOf(actor), async (tx) => {
    const change = await findChange(tx, id);
    const [out] = change ? await presentChanges(tx, actor, [change], now) : [];
    if (!out) {
      throw new Error(`change ${id} vanished`);
    }
    return out;
  });
}

/** Thrown to roll a preview's transaction back once it has computed what it needs. */
const PREVIEW_DONE = new Error("preview: roll back");

const ChangePreview = Type.Object({
  affectedCount: Type.Integer({ description: "customers whose services the change touches: each would get a notice and a window" }),
  windowClosesAt: Type.String({ format: "date-time", description: "the latest objection window end among them" }),
});

export function changeRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  app.get(
    "/subprocessor-changes",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: {
        tags: ["subprocessors"],
        summary: "Announced sub-processor changes (art. 5.2): all (staff) or those announced to you (customer), newest first; a page after `after` (keyset)",
        querystring: ChangeListQuery,
        response: { 200: Type.Object({ total: Type.Integer(), totalExact: TotalExact, items: Type.Array(Change), next: NextCursor }), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const recipient = actor.kind === "customer" ? (actor.controllerId ?? "00000000-0000-0000-0000-000000000000") : undefined;
      const { status, subprocessorId, limit } = request.query;
      const after = decodeKeyset(request.query.after, CHANGE_LIST_KEY);
      return inScope(db, scopeOf(actor), async (tx) => {
        const found = await listChanges(tx, { status, subprocessorId, recipient, limit, after });
        const { items, next } = keysetPage(found.items, limit);
        return {
          total: found.total,
          totalExact: found.exact,
          items: await presentChanges(
            tx,
            actor,
            items.map((i) => i.change),
            clock.now(),
          ),
          next,
        };
      });
    },
  );

  app.get(
    "/subprocessor-changes/:id",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "subprocessorChange" } },
      schema: {
        tags: ["subprocessors"],
        summary: "One change; a customer sees it only if it was announced to it",
        params: IdParams,
        response: { 200: Change, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleChange(db, actor, request.params.id);
      return presentOne(db, actor, request.params.id, clock.now());
    },
  );

  app.post(
    "/subprocessor-changes",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["subprocessors"],
        summary: "Announce a change (add, replace, remove, relocate) to every customer it touches, each with its objection window (art. 5.2)",
        body: AnnounceBody,
        response: { 201: Change, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { plannedEffectiveAt, ...rest } = request.body;
      const id = await inScope(db, scopeOf(actor), (tx) =>
        announceSubprocessorChange(
          tx,
          clock,
          { ...eventActor(actor), id: actor.userId },
          { ...rest, plannedEffectiveAt: plannedEffectiveAt ? new Date(plannedEffectiveAt) : null },
        ),
      );
      return reply.status(201).send(await presentOne(db, actor, id, clock.now()));
    },
  );

  app.post(
    "/subprocessor-changes/preview",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["subprocessors"],
        summary: "What announcing this change would do, without announcing it: how many customers it reaches and when their windows close",
        body: AnnounceBody,
        response: { 200: ChangePreview, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { plannedEffectiveAt, ...rest } = request.body;
      // The announcement itself, with every check it makes, in a transaction that is rolled back.
      let preview: { affectedCount: number; windowClosesAt: string } | null = null;
      try {
        await inScope(db, scopeOf(actor), async (tx) => {
          const id = await announceSubprocessorChange(
            tx,
            clock,
            { ...eventActor(actor), id: actor.userId },
            { ...rest, plannedEffectiveAt: plannedEffectiveAt ? new Date(plannedEffectiveAt) : null },
          );
          const change = await findChange(tx, id);
          preview = { affectedCount: change?.affectedCount ?? 0, windowClosesAt: (change?.windowClosesAt ?? clock.now()).toISOString() };
          throw PREVIEW_DONE;
        });
      } catch (error) {
        if (error !== PREVIEW_DONE) {
          throw error;
        }
      }
      if (!preview) {
        throw new Error("the preview did not run");
      }
      return preview;
    },
  );

  app.get(
    "/subprocessor-changes/:id/recipients",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS, record: "subprocessorChange" } },
      schema: {
        tags: ["subprocessors"],
        summary:
          "The customers a change was announced to, by name: window end, notice delivered / read / acknowledged, objection (staff); a page after `after` (keyset)",
        params: IdParams,
        querystring: RecipientsQuery,
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(Recipient), next: NextCursor }), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleChange(db, actor, request.params.id);
      const assigned = await assignmentsOf(db, actor);
      const { after, ...query } = request.query;
      const result = await inScope(db, scopeOf(actor), (tx) =>
        listRecipients(tx, request.params.id, { ...query, after: decodeKeyset(after, RECIPIENT_LIST_KEY), onlyIds: assigned ? [...assigned] : null }),
      );
      const { items, next } = keysetPage(result.items, query.limit);
      return {
        total: result.total,
        next,
        items: items.map(({ key: _key, ...r }) => ({
          ...r,
          windowEndsAt: r.windowEndsAt.toISOString(),
          readAt: r.readAt?.toISOString() ?? null,
          acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
          objection: r.objection as { id: string; status: "open" } | null,
        })),
      };
    },
  );

  app.post(
    "/subprocessor-changes/:id/withdraw",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "subprocessorChange" } },
      schema: {
        tags: ["subprocessors"],
        summary: "Withdraw an announced change; its customers are told",
        params: IdParams,
        body: WithdrawBody,
        response: { 200: Change, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleChange(db, actor, request.params.id);
      const reason = request.body.reason.trim();
      if (reason === "") {
        throw invalid("body.reason", subprocessorWords.required);
      }
      await inScope(db, scopeOf(actor), (tx) => withdrawSubprocessorChange(tx, clock, { ...eventActor(actor), id: actor.userId }, request.params.id, reason));
      return presentOne(db, actor, request.params.id, clock.now());
    },
  );

  app.put(
    "/subprocessor-changes/:id/effective-date",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "subprocessorChange" } },
      schema: {
        tags: ["subprocessors"],
        summary: "Set when the change takes effect: not before the objection windows close, unless no affected customer remains",
        params: IdParams,
        body: EffectiveDateBody,
        response: { 200: Change, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleChange(db, actor, request.params.id);
      await inScope(db, scopeOf(actor), (tx) => setChangeEffectiveDate(tx, clock, eventActor(actor), request.params.id, new Date(request.body.effectiveAt)));
      return presentOne(db, actor, request.params.id, clock.now());
    },
  );

  app.post(
    "/subprocessor-changes/:id/apply",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "subprocessorChange" } },
      schema: {
        tags: ["subprocessors"],
        summary: "Apply a change whose effective date has come (or, without a date, now if allowed): register, Annex 1 versions, notices",
        params: IdParams,
        response: { 200: Change, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleChange(db, actor, request.params.id);
      await inScope(db, scopeOf(actor), (tx) => applySubprocessorChange(tx, clock, eventActor(actor), request.params.id));
      return presentOne(db, actor, request.params.id, clock.now());
    },
  );
}
