import { requestLocale } from "../../http/error-handler.ts";
import { CUSTOMER_ALL, CUSTOMER_WRITERS, NO_CUSTOMERS, NO_STAFF, OWNERS } from "../../http/audience.ts";
import { noticeWords } from "./words.ts";
import { noticeKindLabel } from "./kind-registry.ts";
import { Type } from "typebox";
import { inScope } from "../../db/scope.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf, requireStepUp } from "../../http/request-context.ts";
import { ErrorResponses, iso } from "../../http/schemas.ts";
import { forbidden, notFound } from "../../http/errors.ts";
import { IdParams } from "../../http/schemas.ts";
import { requireCustomer, requireStaff, scopeOf, STAFF_ALL, STAFF_WRITE, type Actor } from "../../http/actor.ts";
import { eventActor } from "../evidence/index.ts";
import { assignmentsOf, visibleController } from "../controllers/index.ts";
import { recordBounce } from "../../jobs/outbox-worker.ts";
import { newWebhookSecret } from "../../jobs/webhook-client.ts";
import { loadProcessorContext, noticeLink, publicUrl } from "./context.ts";
import {
  DELIVERY_LIST_KEY,
  deliveriesOf,
  findDelivery,
  findNotice,
  findWebhookEndpoint,
  listDeliveries,
  listNotices,
  listWebhookEndpoints,
  NOTICE_LIST_KEY,
  type InboxFilter,
} from "./queries.ts";
import { decodeKeyset, keysetPage, NextCursor, TotalExact } from "../../http/cursor.ts";
import { renderNotice } from "./render.ts";
import { deliveryDetail, deliverySummary, noticeListItem, shownSubject } from "./present.ts";
import { hideSecrets, hideSecretsInHtml, renderableData, shownData } from "./secrets.ts";
import { noticeReference } from "../../domain/notice-reference.ts";
import { acknowledgeNotice, createWebhookEndpoint, disableWebhookEndpoint, markOpened, replayDelivery } from "./use-cases.ts";
import {
  BounceBody,
  DeliveryDetail,
  DeliveryLogQuery,
  InboxQuery,
  NoticeDetail,
  NoticeListItem,
  OutboxItem,
  OutboxQuery,
  pageOf,
  WebhookEndpointBody,
  WebhookEndpointCreated,
  WebhookEndpointOut,
} from "./schemas.ts";

type NoticeRow = NonNullable<Awaited<ReturnType<typeof findNotice>>>;

/** A delivery as the outbox and a webhook's delivery log list it. */
const outboxItem = (d: Awaited<ReturnType<typeof listDeliveries>>["items"][number], locale: "nl" | "en") => ({
  ...deliverySummary(d),
  noticeId: d.noticeId,
  controllerId: d.controllerId,
  customerName: d.customerName,
  noticeReference: noticeReference(d.noticeNumber, d.noticeCreatedAt),
  kind: d.kind,
  kindLabel: noticeKindLabel(d.kind),
  subject: shownSubject(d, locale),
  createdAt: d.createdAt.toISOString(),
});

/**
 * Who may see a notice: a customer's user its own customer's notices to the customer; staff the
 * notices to their role, and every customer's notices (support: its assigned customers only).
 * Anything else is "not found".
 */
async function visibleNotice(deps: RouteDeps, actor: Actor, id: string): Promise<NoticeRow> {
  const notice = await inScope(deps.db, scopeOf(actor), (tx) => findNotice(tx, id));
  if (!notice) {
    throw notFound(noticeWords.noun.notice);
  }
  if (actor.kind === "customer") {
    if (notice.staffRoles || notice.controllerId !== actor.controllerId) {
      throw notFound(noticeWords.noun.notice);
    }
    return notice;
  }
  if (notice.staffRoles && !notice.staffRoles.includes(actor.staffRole ?? "auditor") && actor.staffRole !== "admin") {
    throw notFound(noticeWords.noun.notice);
  }
  if (notice.controllerId) {
    const assigned = await assignmentsOf(deps.db, actor);
    if (assigned && !assigned.has(notice.controllerId)) {
      throw notFound(noticeWords.noun.notice);
    }
  }
  return notice;
}

/** A delivery is visible to whoever may see its notice; a customer only its webhook deliveries' logs and its own emails. */
async function visibleDelivery(deps: RouteDeps, actor: Actor, id: string) {
  const delivery = await inScope(deps.db, scopeOf(actor), (tx) => findDelivery(tx, id));
  if (!delivery) {
    throw notFound(noticeWords.noun.delivery);
  }
  await visibleNotice(deps, actor, delivery.noticeId).catch(() => {
    throw notFound(noticeWords.noun.delivery);
  });
  return delivery;
}

const endpointOut = (e: NonNullable<Awaited<ReturnType<typeof findWebhookEndpoint>>>) => ({
  id: e.id,
  controllerId: e.controllerId,
  url: e.url,
  description: e.description,
  createdAt: e.createdAt.toISOString(),
  disabledAt: iso(e.disabledAt),
});

export function noticeRoutes(app: TypedApp, deps: RouteDeps) {
  const { db, clock } = deps;

  app.get(
    "/notices",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: {
        tags: ["notices"],
        summary: "Inbox: a customer's notices (portal), or the notices to a staff member's role (back-office), newest first; a page after `after` (keyset)",
        description: "Staff may pass controllerId to see one customer's notices as the customer sees them.",
        querystring: InboxQuery,
        response: {
          200: Type.Object({ total: Type.Integer(), totalExact: TotalExact, items: Type.Array(NoticeListItem), next: NextCursor }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { unread, controllerId, kind, q } = request.query;
      const paging = { ...pageOf(request.query), after: decodeKeyset(request.query.after, NOTICE_LIST_KEY), unread, kind, q };
      let filter: InboxFilter;
      if (actor.kind === "customer") {
        filter = { controllerId: actor.controllerId ?? "", ...paging };
      } else if (controllerId) {
        await visibleController(db, actor, controllerId);
        filter = { controllerId, ...paging };
      } else {
        filter = { staffRole: actor.staffRole ?? "auditor", onlyControllerIds: await assignedList(deps, actor), ...paging };
      }
      const result = await inScope(db, scopeOf(actor), (tx) => listNotices(tx, filter));
      const { items, next } = keysetPage(result.items, filter.limit);
      return { total: result.total, totalExact: result.exact, items: items.map((n) => noticeListItem(n, requestLocale(request))), next };
    },
  );

  app.get(
    "/notices/:id",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "notice" } },
      schema: {
        tags: ["notices"],
        summary: "A notice as sent, in your language, with its deliveries; a customer's first opening is recorded (read)",
        params: IdParams,
        response: { 200: NoticeDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      let notice = await visibleNotice(deps, actor, request.params.id);
      if (actor.kind === "customer" && !notice.openedAt) {
        await inScope(db, scopeOf(actor), (tx) => markOpened(tx, clock, eventActor(actor), actor.userId, notice.id));
        notice = await visibleNotice(deps, actor, request.params.id);
      }
      const context = await loadProcessorContext(db);
      const base = publicUrl();
      const locale = requestLocale(request);
      // Rendered with a stand-in for a single-use link's secret, which is then shown as a placeholder.
      const asSent = renderNotice(renderableData(notice.data), locale, {
        ...context,
        portalUrl: base,
        noticeUrl: noticeLink(base, notice),
        reference: noticeReference(notice.number, notice.createdAt),
        recipientName: actor.name,
        customerName: null,
      });
      const sent = await inScope(db, scopeOf(actor), (tx) => deliveriesOf(tx, notice.id));
      // A customer sees how the notice reached it, but not staff addresses.
      const visible = actor.kind === "customer" ? sent.filter((d) => d.recipientRole !== "staff") : sent;
      const rendered = {
        subject: hideSecrets(asSent.subject, [], locale),
        text: hideSecrets(asSent.text, [], locale),
        html: hideSecretsInHtml(asSent.html, [], locale),
      };
      return {
        ...noticeListItem(notice, locale),
        ...rendered,
        data: shownData(notice.data, locale),
        deliveries: visible.map(deliverySummary),
      };
    },
  );

  app.post(
    "/notices/:id/acknowledge",
    {
      config: { audience: { staff: NO_STAFF, customer: CUSTOMER_WRITERS, record: "notice" } },
      schema: {
        tags: ["notices"],
        summary: "Acknowledge a notice (the customer's owner or privacy contact); recorded as evidence",
        params: IdParams,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await visibleNotice(deps, actor, request.params.id);
      requireCustomer(actor, ["owner", "privacy_contact"]);
      await inScope(db, scopeOf(actor), (tx) => acknowledgeNotice(tx, clock, eventActor(actor), actor.userId, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/outbox",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["notices"],
        summary: "Every delivery (email and webhook), newest first: queued, sent, held (no SMTP configured) and failed",
        querystring: OutboxQuery,
        response: { 200: Type.Object({ total: Type.Integer(), totalExact: TotalExact, items: Type.Array(OutboxItem), next: NextCursor }), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { status, channel, q } = request.query;
      const onlyControllerIds = await assignedList(deps, actor);
      const filter = { status, channel, q, onlyControllerIds, ...pageOf(request.query), after: decodeKeyset(request.query.after, DELIVERY_LIST_KEY) };
      const result = await inScope(db, scopeOf(actor), (tx) => listDeliveries(tx, filter));
      const { items, next } = keysetPage(result.items, filter.limit);
      return { total: result.total, totalExact: result.exact, items: items.map((d) => outboxItem(d, requestLocale(request))), next };
    },
  );

  app.get(
    "/deliveries/:id",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "delivery" } },
      schema: {
        tags: ["notices"],
        summary: "One delivery: the message as sent and every attempt",
        params: IdParams,
        response: { 200: DeliveryDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const delivery = await visibleDelivery(deps, actor, request.params.id);
      if (actor.kind === "customer" && delivery.recipientRole === "staff") {
        throw notFound(noticeWords.noun.delivery);
      }
      return deliveryDetail(delivery, requestLocale(request));
    },
  );

  app.post(
    "/deliveries/:id/replay",
    {
      config: { audience: { staff: STAFF_WRITE, customer: OWNERS, record: "delivery" } },
      schema: {
        tags: ["notices"],
        summary: "Send a delivered or failed message again (same message id); customers: their webhook deliveries",
        params: IdParams,
        response: { 202: Type.Object({ id: Type.String({ format: "uuid" }) }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const delivery = await visibleDelivery(deps, actor, request.params.id);
      if (actor.kind === "customer") {
        requireCustomer(actor, ["owner"]);
        if (delivery.channel !== "webhook") {
          throw forbidden(noticeWords.onlyWebhooksReplayed);
        }
      } else {
        requireStaff(actor, STAFF_WRITE);
      }
      const id = await inScope(db, scopeOf(actor), (tx) => replayDelivery(tx, clock, eventActor(actor), delivery.id));
      return reply.status(202).send({ id });
    },
  );

  app.post(
    "/deliveries/bounces",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["notices"],
        summary: "Report an email that bounced after it was accepted (for the mail server's bounce hook; staff or an API token)",
        body: BounceBody,
        response: { 202: Type.Object({ status: Type.String() }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const messageId = request.body.messageId.trim();
      const result = await recordBounce(db, clock, { messageId: messageId.startsWith("<") ? messageId : `<${messageId}>`, reason: request.body.reason });
      if (!result) {
        throw notFound(noticeWords.noun.delivery);
      }
      return reply.status(202).send({ status: result.status });
    },
  );

  app.get(
    "/controllers/:id/webhook-endpoints",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "controller" } },
      schema: {
        tags: ["webhooks"],
        summary: "A customer's webhook endpoints",
        params: IdParams,
        response: { 200: Type.Array(WebhookEndpointOut), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      const rows = await inScope(db, scopeOf(actor), (tx) => listWebhookEndpoints(tx, request.params.id));
      return rows.map(endpointOut);
    },
  );

  app.post(
    "/controllers/:id/webhook-endpoints",
    {
      config: { audience: { staff: NO_STAFF, customer: OWNERS, record: "controller" } },
      schema: {
        tags: ["webhooks"],
        summary: "Add a webhook endpoint (the customer's owner). Notices are POSTed to it signed per the Standard Webhooks spec; the secret is shown once.",
        params: IdParams,
        body: WebhookEndpointBody,
        response: { 201: WebhookEndpointCreated, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      requireCustomer(actor, ["owner"]);
      // Where notices go is a sensitive change: recent proof of identity, never by a token.
      requireStepUp(request, clock);
      const secret = newWebhookSecret();
      const endpoint = await inScope(db, scopeOf(actor), (tx) => createWebhookEndpoint(tx, clock, eventActor(actor), request.params.id, request.body, secret));
      return reply.status(201).send({ ...endpointOut(endpoint), secret });
    },
  );

  app.delete(
    "/webhook-endpoints/:id",
    {
      config: { audience: { staff: NO_STAFF, customer: OWNERS, record: "webhookEndpoint" } },
      schema: {
        tags: ["webhooks"],
        summary: "Disable a webhook endpoint (its log stays)",
        params: IdParams,
        response: { 204: Type.Null(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const endpoint = await inScope(db, scopeOf(actor), (tx) => findWebhookEndpoint(tx, request.params.id));
      if (!endpoint) {
        throw notFound(noticeWords.noun.webhookEndpoint);
      }
      await visibleController(db, actor, endpoint.controllerId).catch(() => {
        throw notFound(noticeWords.noun.webhookEndpoint);
      });
      requireCustomer(actor, ["owner"]);
      requireStepUp(request, clock);
      await inScope(db, scopeOf(actor), (tx) => disableWebhookEndpoint(tx, clock, eventActor(actor), endpoint.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/webhook-endpoints/:id/deliveries",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "webhookEndpoint" } },
      schema: {
        tags: ["webhooks"],
        summary: "The delivery log of a webhook endpoint, newest first",
        params: IdParams,
        querystring: DeliveryLogQuery,
        response: { 200: Type.Object({ total: Type.Integer(), totalExact: TotalExact, items: Type.Array(OutboxItem), next: NextCursor }), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const endpoint = await inScope(db, scopeOf(actor), (tx) => findWebhookEndpoint(tx, request.params.id));
      if (!endpoint) {
        throw notFound(noticeWords.noun.webhookEndpoint);
      }
      await visibleController(db, actor, endpoint.controllerId).catch(() => {
        throw notFound(noticeWords.noun.webhookEndpoint);
      });
      const filter = { webhookEndpointId: endpoint.id, ...pageOf(request.query), after: decodeKeyset(request.query.after, DELIVERY_LIST_KEY) };
      const result = await inScope(db, scopeOf(actor), (tx) => listDeliveries(tx, filter));
      const { items, next } = keysetPage(result.items, filter.limit);
      return { total: result.total, totalExact: result.exact, items: items.map((d) => outboxItem(d, requestLocale(request))), next };
    },
  );

  async function assignedList(routeDeps: RouteDeps, actor: Actor): Promise<string[] | null> {
    const assigned = await assignmentsOf(routeDeps.db, actor);
    return assigned ? [...assigned] : null;
  }
}
