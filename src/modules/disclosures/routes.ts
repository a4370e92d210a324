import { Type } from "typebox";
import { CUSTOMER_ALL, CUSTOMER_WRITERS, NO_CUSTOMERS, NO_STAFF } from "../../http/audience.ts";
import type { Db } from "../../db/engine.ts";
import type { StaffRole } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { requireCustomer, scopeOf } from "../../http/actor.ts";
import { notFound } from "../../http/errors.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, IdParams } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { visibleController } from "../controllers/index.ts";
import { eventActor } from "../evidence/index.ts";
import { addOrderCustomers } from "./add-customers.ts";
import { decideDisclosureOrder, recordDisclosed } from "./decide-order.ts";
import { changeGag, liftGag, recordGagEffort } from "./gag.ts";
import { notifyCustomers } from "./notify-customers.ts";
import { presentCustomerNotice, presentOrder, presentOrderSummary, presentStatement } from "./present.ts";
import { disclosureNoticesOf, findOrder, gagEffortsOf, listOrders, orderCustomers, timelineOf } from "./queries.ts";
import { recordDisclosureOrder } from "./record-order.ts";
import {
  CustomerDisclosureNotice,
  CustomersBody,
  DecisionBody,
  DisclosedBody,
  GagChangeBody,
  GagEffortBody,
  LiftBody,
  NotifyBody,
  OrderBody,
  OrderDetail,
  OrderList,
  Statement,
  StatementBody,
} from "./schemas.ts";
import { stateDisclosureDuty } from "./state-statement.ts";
import { listStatements } from "./statement-queries.ts";
import { disclosureWords } from "./words.ts";

/**
 * art. 9.2: the register of disclosure orders is confidential even within the processor: the admin
 * and the privacy officer only (not support, the security officer or the auditor), never a customer.
 */
export const DISCLOSURE_STAFF: readonly StaffRole[] = ["admin", "privacy_officer"];

const tags = ["disclosures"];
const staffOnly = { staff: DISCLOSURE_STAFF, customer: NO_CUSTOMERS };
const onOrder = { ...staffOnly, record: "shared" as const };

export function disclosureRoutes(app: TypedApp, { db, clock }: RouteDeps): void {
  const detail = async (tx: Db, id: string) => {
    const order = await findOrder(tx, id);
    if (!order) {
      throw notFound(disclosureWords.noun.order);
    }
    return presentOrder(order, await orderCustomers(tx, id), await gagEffortsOf(tx, id), await timelineOf(tx, id, 500));
  };

  app.get(
    "/disclosure-orders",
    {
      config: { audience: staffOnly },
      schema: { tags, summary: "The register of disclosure orders (art. 9.2), newest first", response: { 200: OrderList, ...ErrorResponses } },
    },
    async (request) =>
      inScope(db, scopeOf(actorOf(request)), async (tx) => (await listOrders(tx)).map((r) => presentOrderSummary(r.order, r.customers, r.notified))),
  );

  app.post(
    "/disclosure-orders",
    {
      config: { audience: staffOnly },
      schema: {
        tags,
        summary: "Record an authority's order to disclose data (art. 9.2): the concerned customers' 24-hour duties open now, or when the gag order ends",
        body: OrderBody,
        response: { 201: OrderDetail, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const out = await inScope(db, scopeOf(actor), async (tx) => detail(tx, await recordDisclosureOrder(tx, clock, eventActor(actor), request.body)));
      return reply.status(201).send(out);
    },
  );

  app.get(
    "/disclosure-orders/:id",
    {
      config: { audience: onOrder },
      schema: {
        tags,
        summary: "One disclosure order, its customers and the efforts against its gag",
        params: IdParams,
        response: { 200: OrderDetail, ...ErrorResponses },
      },
    },
    async (request) => inScope(db, scopeOf(actorOf(request)), (tx) => detail(tx, request.params.id)),
  );

  app.post(
    "/disclosure-orders/:id/customers",
    {
      config: { audience: onOrder },
      schema: {
        tags,
        summary: "Add customers found to be concerned later: their 24-hour duty runs from the receipt (or the gag's end), so it may be overdue",
        params: IdParams,
        body: CustomersBody,
        response: { 200: OrderDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        await addOrderCustomers(tx, clock, eventActor(actor), request.params.id, request.body);
        return detail(tx, request.params.id);
      });
    },
  );

  app.post(
    "/disclosure-orders/:id/decision",
    {
      config: { audience: onOrder },
      schema: {
        tags,
        summary: "Decide on an order: comply, comply in part or contest, with the reasoning",
        params: IdParams,
        body: DecisionBody,
        response: { 200: OrderDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        await decideDisclosureOrder(tx, clock, eventActor(actor), request.params.id, request.body);
        return detail(tx, request.params.id);
      });
    },
  );

  app.post(
    "/disclosure-orders/:id/disclosure",
    {
      config: { audience: onOrder },
      schema: {
        tags,
        summary: "Record what was disclosed, and when (after a decision to comply, in whole or in part)",
        params: IdParams,
        body: DisclosedBody,
        response: { 200: OrderDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        await recordDisclosed(tx, clock, eventActor(actor), request.params.id, request.body);
        return detail(tx, request.params.id);
      });
    },
  );

  app.post(
    "/disclosure-orders/:id/gag-efforts",
    {
      config: { audience: onOrder },
      schema: {
        tags,
        summary: "Record an effort to have the gag order lifted or narrowed, and its result (SCC 2021/914 clause 15.1(b))",
        params: IdParams,
        body: GagEffortBody,
        response: { 200: OrderDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        await recordGagEffort(tx, clock, eventActor(actor), request.params.id, request.body);
        return detail(tx, request.params.id);
      });
    },
  );

  app.post(
    "/disclosure-orders/:id/gag",
    {
      config: { audience: onOrder },
      schema: {
        tags,
        summary: "Record that the gag order in force was changed (narrowed to an earlier date, extended, or until lifted); a date already past ends it then",
        params: IdParams,
        body: GagChangeBody,
        response: { 200: OrderDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        await changeGag(tx, clock, eventActor(actor), request.params.id, request.body);
        return detail(tx, request.params.id);
      });
    },
  );

  app.post(
    "/disclosure-orders/:id/gag-lift",
    {
      config: { audience: onOrder },
      schema: {
        tags,
        summary: "Record that the gag order was lifted: each concerned customer must be told within 24 hours from then",
        params: IdParams,
        body: LiftBody,
        response: { 200: OrderDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        await liftGag(tx, clock, eventActor(actor), request.params.id, request.body);
        return detail(tx, request.params.id);
      });
    },
  );

  app.post(
    "/disclosure-orders/:id/notices",
    {
      config: { audience: onOrder },
      schema: {
        tags,
        summary: "Tell every concerned customer not yet told (refused while a gag order is in force); meets their 24-hour duties",
        params: IdParams,
        body: NotifyBody,
        response: { 200: OrderDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        await notifyCustomers(tx, clock, eventActor(actor), request.params.id, request.body);
        return detail(tx, request.params.id);
      });
    },
  );

  app.get(
    "/disclosure-statements",
    {
      config: { audience: staffOnly },
      schema: {
        tags,
        summary: "Every customer's statement that it must disclose the processor's confidential information (art. 9.2)",
        response: { 200: Type.Array(Statement), ...ErrorResponses },
      },
    },
    async (request) => inScope(db, scopeOf(actorOf(request)), async (tx) => (await listStatements(tx, null)).map(presentStatement)),
  );

  app.get(
    "/controllers/:id/disclosure-statements",
    {
      config: { audience: { staff: DISCLOSURE_STAFF, customer: CUSTOMER_ALL, record: "controller" } },
      schema: {
        tags,
        summary: "A customer's own statements that it must disclose the processor's confidential information",
        params: IdParams,
        response: { 200: Type.Array(Statement), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      return inScope(db, scopeOf(actor), async (tx) => (await listStatements(tx, request.params.id)).map(presentStatement));
    },
  );

  app.post(
    "/controllers/:id/disclosure-statements",
    {
      config: { audience: { staff: NO_STAFF, customer: CUSTOMER_WRITERS, record: "controller" } },
      schema: {
        tags,
        summary: "Tell the processor that the customer is legally obliged to disclose the processor's confidential information (art. 9.2)",
        params: IdParams,
        body: StatementBody,
        response: { 201: Statement, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      const controllerId = requireCustomer(actor, CUSTOMER_WRITERS);
      const out = await inScope(db, scopeOf(actor), async (tx) => {
        const id = await stateDisclosureDuty(tx, clock, eventActor(actor), controllerId, request.body);
        const saved = (await listStatements(tx, controllerId)).find((r) => r.statement.id === id);
        if (!saved) {
          throw new Error("statement not found after insert");
        }
        return presentStatement(saved);
      });
      return reply.status(201).send(out);
    },
  );

  app.get(
    "/controllers/:id/disclosure-notices",
    {
      config: { audience: { staff: DISCLOSURE_STAFF, customer: CUSTOMER_ALL, record: "controller" } },
      schema: {
        tags,
        summary: "The disclosure orders a customer was told of (art. 9.2): its own notices only; an order under a gag order is not among them",
        params: IdParams,
        response: { 200: Type.Array(CustomerDisclosureNotice), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      return inScope(db, scopeOf(actor), async (tx) => (await disclosureNoticesOf(tx, request.params.id)).map(presentCustomerNotice));
    },
  );
}
