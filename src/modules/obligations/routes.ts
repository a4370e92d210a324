import { requestLocale } from "../../http/error-handler.ts";
import { CUSTOMER_ALL, PUBLIC } from "../../http/audience.ts";
import { obligationWords } from "./words.ts";
import { createHash, randomBytes } from "node:crypto";
import { Type } from "typebox";
import { inScope } from "../../db/scope.ts";
import { formatInstant, isOverdue, remaining } from "../../domain/legal-time.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, Int, iso, Line, Page } from "../../http/schemas.ts";
import { notFound } from "../../http/errors.ts";
import { IdParams, Uuid } from "../../http/schemas.ts";
import { toActor } from "../auth/index.ts";
import { scopeOf, STAFF_ALL, type Actor } from "../../http/actor.ts";
import { assignmentsOf, visibleController } from "../controllers/index.ts";
import { loadProcessorContext, publicUrl } from "../notices/index.ts";
import { buildCalendar } from "./ical.ts";
import { AP_NOTIFICATION_HOURS } from "../../domain/ap-draft.ts";
import { AP_CLOCK_KIND, apClockReasonText, apClockTitle, customerApClocks, type ApClock } from "./ap-clocks.ts";
import { hiddenObligationKinds } from "./restricted-kinds.ts";
import { findCalendarFeedUser, findObligation, listObligations, obligationListKey, saveCalendarFeed, type ObligationFilter } from "./queries.ts";
import { Cursor, decodeKeyset, keysetPage, NextCursor, TotalExact } from "../../http/cursor.ts";
import { recordEvent } from "../evidence/index.ts";
import { eventActor } from "../evidence/index.ts";

const ObligationOut = Type.Object({
  id: Uuid,
  controllerId: Type.Union([Uuid, Type.Null()]),
  customerName: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  nature: Type.Enum(["duty", "window"]),
  party: Type.Enum(["processor", "controller"]),
  responsibleRoles: Type.Array(Type.String()),
  title: Type.String(),
  article: Type.String(),
  clock: Type.Object({
    unit: Type.Enum(["hours", "calendarDays", "calendarDaysStart", "months", "workingDays"]),
    amount: Type.Integer(),
    templateVersion: Type.Union([Type.Integer(), Type.Null()]),
  }),
  subjectType: Type.String(),
  subjectId: Type.String(),
  triggerAt: Type.String({ format: "date-time" }),
  dueAt: Type.String({ format: "date-time" }),
  /** The due instant in the processor's zone with its offset, e.g. "11-04-2026 23:59 (UTC+02:00)". */
  dueLocal: Type.String(),
  reminders: Type.Array(Type.String({ format: "date-time" })),
  status: Type.Enum(["open", "met", "lapsed", "cancelled"]),
  overdue: Type.Boolean(),
  /** Milliseconds until due, or since due when overdue. */
  remainingMs: Type.Integer(),
  metAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  metInTime: Type.Union([Type.Boolean(), Type.Null()]),
  escalatedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  /**
   * Derived from other records rather than a duty of the processor: the customer's own 72-hour clock
   * to the Autoriteit Persoonsgegevens (kind ap_notification, party controller), from its breach notices.
   */
  derived: Type.Boolean(),
  /** Why the clock started when it did, in words (derived clocks). */
  note: Type.Union([Type.String(), Type.Null()]),
  /** Where it is handled in the portal or back-office, e.g. /portal/breaches/<id>. */
  href: Type.Union([Type.String(), Type.Null()]),
});

const ObligationQuery = Type.Object({
  status: Type.Optional(Type.Enum(["open", "met", "lapsed", "cancelled", "all"])),
  controllerId: Type.Optional(Uuid),
  kind: Type.Optional(Line(100)),
  q: Type.Optional(Line(100, { description: "staff: the customer's name or customer number contains it" })),
  mine: Type.Optional(Type.Boolean({ description: "staff: only those your role answers for" })),
  after: Type.Optional(Cursor),
  limit: Type.Optional(Int(1, 200, { description: "rows per page; default 50" })),
  /** The offset pages the list had before keyset pages: ignored after a cursor; `limit` wins over `pageSize`. */
  page: Type.Optional(Page),
  pageSize: Type.Optional(Int(1, 200, { default: 50 })),
});

type Row = NonNullable<Awaited<ReturnType<typeof findObligation>>>;

function out(row: Row, now: Date, locale: "nl" | "en") {
  const left = remaining(row.dueAt, now);
  return {
    id: row.id,
    controllerId: row.controllerId,
    customerName: row.customerName,
    kind: row.kind,
    nature: row.nature,
    party: row.party,
    responsibleRoles: row.responsibleRoles,
    title: row.title[locale],
    article: row.article,
    clock: { unit: row.clockUnit, amount: row.clockAmount, templateVersion: row.templateVersion },
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    triggerAt: row.triggerAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    dueLocal: formatInstant(row.dueAt, row.zone, locale),
    reminders: row.reminders,
    status: row.status,
    overdue: row.status === "open" && isOverdue(row.dueAt, now),
    remainingMs: Math.min(left.milliseconds, Number.MAX_SAFE_INTEGER),
    metAt: iso(row.metAt),
    metInTime: row.metInTime,
    escalatedAt: iso(row.escalatedAt),
    derived: false,
    note: null as string | null,
    href: null as string | null,
  };
}

type Out = ReturnType<typeof out>;

/** The customer's AP clock as one of its deadlines: its own duty (party controller), never the processor's. */
function apOut(ap: ApClock & { dueAt: Date; awareAt: Date }, controllerId: string, now: Date, locale: "nl" | "en", zone: string): Out {
  const left = remaining(ap.dueAt, now);
  const overdue = isOverdue(ap.dueAt, now);
  return {
    id: ap.incidentId,
    controllerId,
    customerName: null,
    kind: AP_CLOCK_KIND,
    nature: "duty",
    party: "controller",
    responsibleRoles: [],
    title: apClockTitle(ap)[locale],
    article: obligationWords.apClock.article,
    clock: { unit: "hours", amount: AP_NOTIFICATION_HOURS, templateVersion: null },
    subjectType: "incident",
    subjectId: ap.incidentId,
    triggerAt: ap.awareAt.toISOString(),
    dueAt: ap.dueAt.toISOString(),
    dueLocal: formatInstant(ap.dueAt, zone, locale),
    reminders: ap.reminders.map((r) => r.toISOString()),
    // Art28 cannot know whether the customer notified the AP: open until due, then lapsed.
    status: overdue ? "lapsed" : "open",
    overdue: false,
    remainingMs: Math.min(left.milliseconds, Number.MAX_SAFE_INTEGER),
    metAt: null,
    metInTime: null,
    escalatedAt: null,
    derived: true,
    note: apClockReasonText(ap.reason, zone, locale),
    href: `/portal/breaches/${ap.incidentId}`,
  };
}

const started = (ap: ApClock): ap is ApClock & { dueAt: Date; awareAt: Date } => ap.dueAt !== null && ap.awareAt !== null;

/** A customer's AP clocks that have started, as deadlines with the given status filter. */
async function customerApDeadlines(
  db: RouteDeps["db"],
  actor: Actor,
  now: Date,
  query: { status?: string | undefined; kind?: string | undefined },
  locale: "nl" | "en",
): Promise<Out[]> {
  const controllerId = actor.controllerId;
  if (actor.kind !== "customer" || !controllerId || (query.kind && query.kind !== AP_CLOCK_KIND)) {
    return [];
  }
  const status = query.status ?? "open";
  if (status === "met" || status === "cancelled") {
    return [];
  }
  const [clocks, context] = await Promise.all([inScope(db, scopeOf(actor), (tx) => customerApClocks(tx, controllerId)), loadProcessorContext(db)]);
  return clocks
    .filter(started)
    .map((ap) => apOut(ap, controllerId, now, locale, context.zone))
    .filter((o) => status === "all" || o.status === status);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The obligations an actor's calendar and dashboard show. */
async function filterFor(
  deps: RouteDeps,
  actor: Actor,
  query: { controllerId?: string | undefined; mine?: boolean | undefined },
): Promise<Partial<ObligationFilter>> {
  if (actor.kind === "customer") {
    return { controllerId: actor.controllerId ?? "", hiddenKinds: hiddenObligationKinds(actor) };
  }
  const assigned = await assignmentsOf(deps.db, actor);
  if (query.controllerId) {
    await visibleController(deps.db, actor, query.controllerId);
  }
  return {
    controllerId: query.controllerId,
    onlyControllerIds: assigned ? [...assigned] : null,
    responsibleRole: query.mine && actor.staffRole !== "admin" ? (actor.staffRole ?? undefined) : undefined,
    hiddenKinds: hiddenObligationKinds(actor),
  };
}

export function obligationRoutes(app: TypedApp, deps: RouteDeps) {
  const { db, clock } = deps;

  app.get(
    "/obligations",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: {
        tags: ["obligations"],
        summary: "Deadlines: open ones by due time, overdue first (staff: all customers; a customer: its own)",
        querystring: ObligationQuery,
        response: {
          200: Type.Object({ total: Type.Integer(), totalExact: TotalExact, items: Type.Array(ObligationOut), next: NextCursor }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.kind === "staff" && !STAFF_ALL.includes(actor.staffRole ?? "auditor")) {
        return { total: 0, totalExact: true, items: [], next: null };
      }
      const { page = 1, pageSize = 50, status = "open", kind, q } = request.query;
      const limit = request.query.limit ?? pageSize;
      const after = decodeKeyset(request.query.after, obligationListKey(status));
      const now = clock.now();
      const filter = { ...(await filterFor(deps, actor, request.query)), status, kind, q, limit, after, offset: (page - 1) * limit };
      const result = await inScope(db, scopeOf(actor), (tx) => listObligations(tx, now, filter));
      const { items: rows, next } = keysetPage(result.items, limit);
      const items = rows.map((row) => out(row, now, requestLocale(request)));
      // The customer's own clocks join the first page, in due order after the overdue duties.
      const derived = await customerApDeadlines(db, actor, now, request.query, requestLocale(request));
      if (derived.length === 0) {
        return { total: result.total, totalExact: result.exact, items, next };
      }
      const merged =
        after === undefined && page === 1
          ? [...items.filter((o) => o.overdue), ...[...items.filter((o) => !o.overdue), ...derived].sort((x, y) => x.dueAt.localeCompare(y.dueAt))]
          : items;
      return { total: result.total + derived.length, totalExact: result.exact, items: merged, next };
    },
  );

  app.get(
    "/obligations/:id",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL, record: "obligation" } },
      schema: {
        tags: ["obligations"],
        summary: "One deadline: its clock, reminders, and whether it was met in time",
        params: IdParams,
        response: { 200: ObligationOut, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await inScope(db, scopeOf(actor), (tx) => findObligation(tx, request.params.id));
      if (!row && actor.kind === "customer") {
        // The customer's own AP clock has its breach's id (GET /obligations lists it so).
        const derived = await customerApDeadlines(db, actor, clock.now(), { status: "all" }, requestLocale(request));
        const found = derived.find((o) => o.id === request.params.id);
        if (found) {
          return found;
        }
      }
      if (!row || hiddenObligationKinds(actor).includes(row.kind)) {
        throw notFound(obligationWords.noun.obligation);
      }
      if (row.controllerId) {
        await visibleController(db, actor, row.controllerId).catch(() => {
          throw notFound(obligationWords.noun.obligation);
        });
      } else if (actor.kind === "customer") {
        throw notFound(obligationWords.noun.obligation);
      }
      return out(row, clock.now(), requestLocale(request));
    },
  );

  app.post(
    "/calendar-feed",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: {
        tags: ["obligations"],
        summary: "Create (or replace) your personal iCalendar feed URL of your deadlines; an earlier URL stops working",
        response: { 201: Type.Object({ url: Type.String() }), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const token = randomBytes(24).toString("base64url");
      await saveCalendarFeed(db, actor.userId, sha256(token), clock.now());
      await inScope(db, scopeOf(actor), (tx) =>
        recordEvent(tx, clock, { type: "calendar_feed.created", actor: eventActor(actor), controllerId: actor.controllerId, data: {} }),
      );
      return reply.status(201).send({ url: `${publicUrl()}/api/v1/calendar/${token}.ics` });
    },
  );

  app.get(
    "/calendar/:file",
    {
      config: { audience: PUBLIC },
      schema: {
        tags: ["obligations"],
        summary: "Your deadlines as an iCalendar (RFC 5545) feed; the URL is the credential (POST /calendar-feed)",
        params: Type.Object({ file: Type.String({ pattern: "^[A-Za-z0-9_-]{20,64}\\.ics$", maxLength: 68 }) }),
        response: { 200: Type.String(), ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const token = request.params.file.slice(0, -".ics".length);
      const user = await findCalendarFeedUser(db, sha256(token));
      if (!user || user.disabledAt) {
        throw notFound(obligationWords.noun.calendar);
      }
      const actor = toActor(user, "token");
      const now = clock.now();
      const filter = { ...(await filterFor(deps, actor, { mine: true })), status: "all" as const, limit: 2000 };
      const [result, context] = await Promise.all([inScope(db, scopeOf(actor), (tx) => listObligations(tx, now, filter)), loadProcessorContext(db)]);
      const base = publicUrl();
      // A customer's calendar also has its own 72-hour clocks to the AP (derived, its own duty).
      const apClocks =
        actor.kind === "customer" && actor.controllerId ? await inScope(db, scopeOf(actor), (tx) => customerApClocks(tx, actor.controllerId ?? "")) : [];
      const body = buildCalendar({
        name: actor.locale === "nl" ? `Art28 — termijnen van ${actor.name}` : `Art28 — deadlines of ${actor.name}`,
        locale: actor.locale,
        zone: context.zone,
        deadlines: result.items
          .slice(0, filter.limit)
          .map((row) => ({
            id: row.id,
            title: row.title,
            dueAt: row.dueAt,
            openedAt: row.createdAt,
            reminders: row.reminders.map((r) => new Date(r)),
            status: row.status,
            customerName: actor.kind === "staff" ? row.customerName : null,
            url: actor.kind === "staff" ? `${base}/admin/obligations/${row.id}` : `${base}/portal/obligations/${row.id}`,
          }))
          .concat(
            apClocks.filter(started).map((ap) => ({
              id: `ap-${ap.incidentId}`,
              title: apClockTitle(ap),
              dueAt: ap.dueAt,
              openedAt: ap.awareAt,
              reminders: ap.reminders,
              status: isOverdue(ap.dueAt, now) ? ("lapsed" as const) : ("open" as const),
              customerName: null,
              url: `${base}/portal/breaches/${ap.incidentId}`,
            })),
          ),
      });
      return reply.type("text/calendar; charset=utf-8").header("cache-control", "private, max-age=300").send(body);
    },
  );
}
