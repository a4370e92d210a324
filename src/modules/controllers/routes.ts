import { CUSTOMER_ALL, CUSTOMER_WRITERS, NO_CUSTOMERS } from "../../http/audience.ts";
import { controllerWords } from "./words.ts";
import { Type } from "typebox";
import { inScope } from "../../db/scope.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, iso } from "../../http/schemas.ts";
import { notFound } from "../../http/errors.ts";
import { decodeCursor, keysetPage } from "../../http/cursor.ts";
import { IdParams, Int } from "../../http/schemas.ts";
import { scopeOf, STAFF_ALL, STAFF_WRITE } from "../../http/actor.ts";
import { eventActor } from "../evidence/index.ts";
import { eventLabel } from "../evidence/index.ts";
import { assignmentsOf, visibleController } from "./access.ts";
import { createController, updateController } from "./create-controller.ts";
import {
  findContact,
  findController,
  findControllerDomains,
  findControllerServices,
  latestAnnex,
  listAnnexVersions,
  listControllerEvents,
  listControllers,
} from "./queries.ts";
import { domainOut, setControllerDomains } from "./set-domains.ts";
import { setControllerServices } from "./set-services.ts";
import { contactOut } from "./present-contact.ts";
import {
  AnnexVersion,
  Contact,
  ControllerBody,
  ControllerDetail,
  ControllerListItem,
  DomainOut,
  DomainsBody,
  EventOut,
  ListQuery,
  ServicesBody,
} from "./schemas.ts";

async function detail(db: RouteDeps["db"], id: string) {
  const [controller, services, contact, annex, domains] = await Promise.all([
    findController(db, id),
    findControllerServices(db, id),
    findContact(db, id),
    latestAnnex(db, id),
    findControllerDomains(db, id),
  ]);
  if (!controller) {
    throw notFound(controllerWords.noun.customer);
  }
  return {
    ...controller,
    services,
    contact: contact ? contactOut(contact) : null,
    annexVersion: annex?.version ?? null,
    domains: domains.map(domainOut),
  };
}

export function controllerRoutes(app: TypedApp, deps: RouteDeps) {
  const { db, clock } = deps;

  app.get(
    "/controllers",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["customers"],
        summary: "Customers with their agreement status (staff), by name; a page after `after` (keyset) or at `offset`",
        querystring: ListQuery,
        response: {
          200: Type.Object({
            total: Type.Integer({ description: "How many match, counted to 10,000 at most" }),
            totalExact: Type.Boolean({ description: "false: more than `total` match" }),
            items: Type.Array(ControllerListItem),
            next: Type.Union([Type.String(), Type.Null()], { description: "`after` of the next page; null on the last" }),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const assigned = await assignmentsOf(db, actor);
      const { after, ...query } = request.query;
      const [name, customerNumber] = after === undefined ? [] : decodeCursor(after, "querystring.after", 2);
      const from = name === undefined || customerNumber === undefined ? undefined : { name, customerNumber };
      // One row more than the page: a next page is named only when there is one (never an empty last page).
      const result = await inScope(db, scopeOf(actor), (tx) =>
        listControllers(tx, { ...query, limit: query.limit + 1, after: from, onlyIds: assigned ? [...assigned] : null }),
      );
      const page = keysetPage(
        result.items.map((item) => ({ ...item, key: [item.name, item.customerNumber] })),
        query.limit,
      );
      return {
        total: result.total,
        totalExact: result.totalExact,
        items: page.items.map(({ key: _key, ...i }) => ({ ...i, effectiveAt: iso(i.effectiveAt) })),
        next: page.next,
      };
    },
  );

  app.post(
    "/controllers",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: { tags: ["customers"], summary: "Register a customer", body: ControllerBody, response: { 201: ControllerDetail, ...ErrorResponses } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await inScope(db, scopeOf(actor), (tx) => createController(tx, clock, eventActor(actor), request.body));
      return reply.status(201).send(await detail(db, id));
    },
  );

  app.get(
    "/controllers/:id",
    {
      // art. 9.1: a staff view is written to the customer's access log (modules/access).
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "controller" }, personalData: "customer" },
      schema: {
        tags: ["customers"],
        summary: "A customer: details, services, privacy contact",
        params: IdParams,
        response: { 200: ControllerDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      return inScope(db, scopeOf(actor), (tx) => detail(tx, request.params.id));
    },
  );

  app.put(
    "/controllers/:id",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "controller" } },
      schema: {
        tags: ["customers"],
        summary: "Change a customer's details",
        params: IdParams,
        body: ControllerBody,
        response: { 200: ControllerDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      return inScope(db, scopeOf(actor), async (tx) => {
        await updateController(tx, clock, eventActor(actor), request.params.id, request.body);
        return detail(tx, request.params.id);
      });
    },
  );

  app.put(
    "/controllers/:id/services",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "controller" } },
      schema: {
        tags: ["customers"],
        summary: "Set the services a customer takes (new Annex 1 version if it changes)",
        params: IdParams,
        body: ServicesBody,
        response: { 200: ControllerDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      return inScope(db, scopeOf(actor), async (tx) => {
        await setControllerServices(tx, clock, eventActor(actor), request.params.id, request.body.services, "services changed in the back-office");
        return detail(tx, request.params.id);
      });
    },
  );

  app.get(
    "/controllers/:id/domains",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "controller" } },
      schema: {
        tags: ["customers"],
        summary: "The domain names a customer uses for its websites and e-mail (art. 8.1), alphabetical",
        params: IdParams,
        response: { 200: Type.Array(DomainOut), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      const domains = await inScope(db, scopeOf(actor), (tx) => findControllerDomains(tx, request.params.id));
      return domains.map(domainOut);
    },
  );

  app.put(
    "/controllers/:id/domains",
    {
      config: { audience: { staff: STAFF_WRITE, customer: CUSTOMER_WRITERS, record: "controller" } },
      schema: {
        tags: ["customers"],
        summary:
          'Replace the domain names a customer uses (art. 8.1): each normalised (lower case, punycode, without "www."; a URL or e-mail address gives its domain), duplicates once; a name that cannot be one → 400 naming body.domains.<index>',
        params: IdParams,
        body: DomainsBody,
        response: { 200: Type.Array(DomainOut), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      const domains = await inScope(db, scopeOf(actor), (tx) => setControllerDomains(tx, clock, eventActor(actor), request.params.id, request.body.domains));
      return domains.map(domainOut);
    },
  );

  app.get(
    "/controllers/:id/annexes",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "controller" } },
      schema: {
        tags: ["customers"],
        summary: "Annex 1 versions of a customer, newest first",
        params: IdParams,
        response: { 200: Type.Array(AnnexVersion), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      const versions = await inScope(db, scopeOf(actor), (tx) => listAnnexVersions(tx, request.params.id));
      return versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() }));
    },
  );

  app.get(
    "/controllers/:id/contact",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "controller" }, personalData: "contact" },
      schema: {
        tags: ["customers"],
        summary: "The customer's DPO or privacy contact (art. 4.4)",
        params: IdParams,
        response: { 200: Type.Union([Contact, Type.Null()]), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      const contact = await inScope(db, scopeOf(actor), (tx) => findContact(tx, request.params.id));
      return contact ? contactOut(contact) : null;
    },
  );

  app.get(
    "/controllers/:id/events",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "controller" } },
      schema: {
        tags: ["evidence"],
        summary: "The customer's evidence log, newest first",
        params: IdParams,
        querystring: Type.Object({ limit: Int(1, 1000, { default: 200 }) }),
        response: { 200: Type.Array(EventOut), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleController(db, actor, request.params.id);
      const list = await inScope(db, scopeOf(actor), (tx) => listControllerEvents(tx, request.params.id, request.query.limit));
      return list.map((e) => ({ ...e, typeLabel: eventLabel(e.type), occurredAt: e.occurredAt.toISOString() }));
    },
  );
}
