import { CUSTOMER_ALL, NO_STAFF } from "../../http/audience.ts";
import { breachWords } from "./words.ts";
import { Type } from "typebox";
import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import { buildApDraft, type ApDraft } from "../../domain/ap-draft.ts";
import type { Clock } from "../../domain/clock.ts";
import { metInTime } from "../../domain/legal-time.ts";
import { notFound } from "../../http/errors.ts";
import { actorOf } from "../../http/request-context.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { ErrorResponses, iso, FileResponses } from "../../http/schemas.ts";
import { assertMaySee, requireCustomer, scopeOf, type Actor, STAFF_ALL } from "../../http/actor.ts";
import { eventActor } from "../evidence/index.ts";
import { IdParams } from "../../http/schemas.ts";
import { assignmentsOf } from "../controllers/index.ts";
import { findContact, findController } from "../controllers/index.ts";
import { markOpened } from "../notices/index.ts";
import { findProcessor } from "../processor/index.ts";
import { contentDisposition } from "../../http/content-disposition.ts";
import { findCustomerBreach, listCustomerBreaches, type CustomerBreachView } from "./customer-breaches.ts";
import { findSentBreachNotice } from "./queries.ts";
import { renderApDraftPdf } from "./documents/ap-draft-pdf.ts";
import { renderBreachNoticePdf } from "./documents/notice-pdf.ts";
import { ApDraftQuery, CustomerBreach, CustomerBreachSummary, PdfQuery } from "./schemas.ts";

function presentBreach(view: CustomerBreachView) {
  const latest = view.rounds.at(-1);
  return {
    incidentId: view.incidentId,
    reference: latest?.data.reference ?? "",
    title: latest?.data.title ?? "",
    notices: view.rounds.map((r) => ({
      id: r.id,
      noticeId: r.noticeId,
      sequence: r.sequence,
      stage: r.data.stage,
      sentAt: r.sentAt.toISOString(),
      facts: r.data.facts,
      changed: r.data.changed,
      message: r.data.message,
      nature: r.data.nature,
      dueAt: r.data.dueAt,
      inTime: metInTime(new Date(r.data.dueAt), r.sentAt),
      openedAt: iso(r.openedAt),
      acknowledgedAt: iso(r.acknowledgedAt),
      affectedCustomers: r.data.affectedCustomers,
    })),
    awareAt: iso(view.awareAt),
    apDeadline: iso(view.apDeadline),
  };
}

/** The customer's breach, or 404: another customer's, or one it was never told of. */
async function ownBreach(tx: Db, controllerId: string, incidentId: string): Promise<CustomerBreachView> {
  const view = await findCustomerBreach(tx, controllerId, incidentId);
  if (!view) {
    throw notFound(breachWords.noun.breach);
  }
  return view;
}

async function apDraftOf(tx: Db, controllerId: string, view: CustomerBreachView, locale: "nl" | "en"): Promise<ApDraft> {
  const processor = await findProcessor(tx);
  const controller = await findController(tx, controllerId);
  const contact = await findContact(tx, controllerId);
  if (!controller) {
    throw notFound(breachWords.noun.customer);
  }
  return buildApDraft({
    locale,
    zone: processor.timeZone,
    controller: {
      name: controller.name,
      kvk: controller.kvk,
      address: controller.address,
      postalCode: controller.postalCode,
      city: controller.city,
      country: controller.country,
    },
    contact: contact ? { name: contact.name, email: contact.email, phone: contact.phone } : null,
    processor: { name: processor.name, kvk: processor.kvk, email: processor.privacyEmail },
    notices: view.rounds.map((r) => ({ data: r.data, sentAt: r.sentAt })),
    awareAt: view.awareAt,
  });
}

/**
 * The customer reads its breach (the page or the AP draft, which carries the notices' facts): each
 * notice not yet opened is recorded as opened, as from the inbox. That is when the notice reached
 * it, if no email or webhook delivered it earlier: its own 72-hour clock starts there.
 */
async function readBreach(tx: Db, clock: Clock, actor: Actor, controllerId: string, incidentId: string): Promise<CustomerBreachView> {
  const before = await ownBreach(tx, controllerId, incidentId);
  const unopened = before.rounds.filter((r) => !r.openedAt);
  for (const round of unopened) {
    await markOpened(tx, clock, eventActor(actor), actor.userId, round.noticeId);
  }
  return unopened.length === 0 ? before : ownBreach(tx, controllerId, incidentId);
}

const slug = (text: string) => text.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");

export function breachPortalRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  const tags = ["breaches"];
  const customerOf = (actor: Actor) => requireCustomer(actor, CUSTOMER_ALL);

  app.get(
    "/breaches",
    {
      config: { audience: { staff: NO_STAFF, customer: CUSTOMER_ALL } },
      schema: {
        tags,
        summary: "Data breaches you were notified of (art. 6), newest first",
        response: { 200: Type.Array(CustomerBreachSummary), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const controllerId = customerOf(actor);
      const list = await inScope(db, scopeOf(actor), (tx) => listCustomerBreaches(tx, controllerId));
      return list.map((b) => ({ ...b, firstSentAt: b.firstSentAt.toISOString(), lastSentAt: b.lastSentAt.toISOString() }));
    },
  );

  app.get(
    "/breaches/:id",
    {
      config: { audience: { staff: NO_STAFF, customer: CUSTOMER_ALL, record: "breach" } },
      schema: {
        tags,
        summary: "A breach as you were told: every notice in order with its facts, and your own 72-hour clock to the Autoriteit Persoonsgegevens",
        description: "Reading it in the portal records each notice as opened (evidence), as opening it from the inbox does.",
        params: IdParams,
        response: { 200: CustomerBreach, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const controllerId = customerOf(actor);
      return inScope(db, scopeOf(actor), async (tx) => presentBreach(await readBreach(tx, clock, actor, controllerId, request.params.id)));
    },
  );

  app.get(
    "/breaches/:id/ap-draft",
    {
      config: { audience: { staff: NO_STAFF, customer: CUSTOMER_ALL, record: "breach" } },
      schema: {
        tags,
        summary:
          "A prefilled draft of your own notification to the Autoriteit Persoonsgegevens (GDPR art. 33), as JSON or PDF; you check, complete and submit it yourself",
        params: IdParams,
        querystring: ApDraftQuery,
        response: FileResponses("the draft", "application/json", "application/pdf"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const controllerId = customerOf(actor);
      const locale = request.query.locale ?? actor.locale;
      const draft = await inScope(db, scopeOf(actor), async (tx) =>
        apDraftOf(tx, controllerId, await readBreach(tx, clock, actor, controllerId, request.params.id), locale),
      );
      const name = `${breachWords.fileName.apDraft[locale]}-${slug(draft.reference)}`;
      if (request.query.format === "pdf") {
        return reply
          .type("application/pdf")
          .header("content-disposition", contentDisposition(`${name}.pdf`))
          .send(Buffer.from(await renderApDraftPdf(draft)));
      }
      return reply
        .type("application/json; charset=utf-8")
        .header("content-disposition", contentDisposition(`${name}.json`))
        .send(JSON.stringify(draft, null, 2));
    },
  );

  app.get(
    "/breach-notices/:id/pdf",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "breachNotice" } },
      schema: {
        tags,
        summary: "One breach notice as sent, as PDF (the customer's own; staff: any)",
        params: IdParams,
        querystring: PdfQuery,
        response: FileResponses("the PDF", "application/pdf"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const assigned = await assignmentsOf(db, actor);
      const { pdf, name } = await inScope(db, scopeOf(actor), async (tx) => {
        const row = await findSentBreachNotice(tx, request.params.id);
        if (!row || row.data.kind !== "breach_notice") {
          throw notFound(breachWords.noun.breachNotice);
        }
        assertMaySee(actor, row.controllerId, assigned, breachWords.noun.breachNotice);
        const processor = await findProcessor(tx);
        const history = (await findCustomerBreach(tx, row.controllerId, row.incidentId))?.rounds ?? [];
        const locale = request.query.locale ?? (actor.kind === "customer" ? actor.locale : row.locale);
        const data = row.data;
        return {
          name: `${breachWords.fileName.notice[locale]}-${slug(data.reference)}-${data.sequence}.pdf`,
          pdf: await renderBreachNoticePdf({
            locale,
            zone: processor.timeZone,
            processor: { name: processor.name, email: processor.privacyEmail },
            controller: { name: row.customer },
            data,
            sentAt: row.sentAt,
            history: history.map((r) => ({ sequence: r.sequence, stage: r.data.stage, sentAt: r.sentAt })),
          }),
        };
      });
      return reply.type("application/pdf").header("content-disposition", contentDisposition(name)).send(Buffer.from(pdf));
    },
  );
}
