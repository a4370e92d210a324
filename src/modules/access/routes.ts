import { inScope } from "../../db/scope.ts";
import { scopeOf, STAFF_ALL, type Actor } from "../../http/actor.ts";
import { CUSTOMER_ALL, NO_CUSTOMERS } from "../../http/audience.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, FileResponses, IdParams, iso } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { eventActor } from "../evidence/index.ts";
import { logScope, periodOf, presentAccess, writeAccessLogCsv } from "./access-log.ts";
import { streamDownload } from "../../http/download.ts";
import { decodeKeyset, keysetPage } from "../../http/cursor.ts";
import { breakGlass } from "./break-glass.ts";
import { ACCESS_LOG_KEY, findConfirmation, listAccessLog, listStatements, staffConfirmations } from "./queries.ts";
import {
  AccessLogExportQuery,
  AccessLogPage,
  AccessLogQuery,
  BreakGlassBody,
  Confirmation,
  ConfirmBody,
  Grant,
  MyStatement,
  PublishBody,
  Statement,
  StatementVersions,
} from "./schemas.ts";
import { confirmStatement, currentStatement, publishStatement } from "./statement.ts";

const tags = ["access"];
/** Who reads every customer's access log and the statement's confirmations. */
const OVERSIGHT = ["admin", "privacy_officer"] as const;

type StatementRow = Awaited<ReturnType<typeof currentStatement>>;
const presentStatement = (row: StatementRow) => ({
  id: row.id,
  version: row.version,
  text: { nl: row.textNl, en: row.textEn },
  note: row.note,
  sha256: row.sha256,
  publishedAt: row.publishedAt.toISOString(),
  publishedBy: row.publishedBy,
});

/** art. 2.3, 9.1: the confidentiality statement, break glass, and the customer's access log. */
export function accessRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  app.get(
    "/confidentiality-statement",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS, noCustomerData: true } },
      schema: {
        tags,
        summary: "The current confidentiality statement (nl/en) and whether you confirmed it; staff see no customer data until they do",
        response: { 200: MyStatement, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return inScope(db, scopeOf(actor), async (tx) => {
        const statement = await currentStatement(tx, clock);
        const mine = await findConfirmation(tx, actor.userId, statement.id);
        return { statement: presentStatement(statement), confirmedAt: iso(mine?.confirmedAt) };
      });
    },
  );

  app.post(
    "/confidentiality-statement/confirmation",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS, noCustomerData: true } },
      schema: {
        tags,
        summary: "Confirm the version of the statement you read (evidence); another version than the current: 409",
        body: ConfirmBody,
        response: { 200: Confirmation, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const confirmed = await inScope(db, scopeOf(actor), (tx) => confirmStatement(tx, clock, actor, request.body.version));
      return { version: confirmed.version, confirmedAt: confirmed.confirmedAt.toISOString() };
    },
  );

  app.get(
    "/confidentiality-statements",
    {
      config: { audience: { staff: OVERSIGHT, customer: NO_CUSTOMERS, noCustomerData: true } },
      schema: {
        tags,
        summary: "Every version of the statement with its number of confirmations, and each staff user's newest confirmation",
        response: { 200: StatementVersions, ...ErrorResponses },
      },
    },
    async (request) =>
      inScope(db, scopeOf(actorOf(request)), async (tx) => {
        const current = await currentStatement(tx, clock);
        const [versions, staff] = await Promise.all([listStatements(tx), staffConfirmations(tx)]);
        return {
          versions: versions.map((v) => ({ ...presentStatement(v), confirmations: v.confirmations })),
          staff: staff.map((s) => ({
            userId: s.userId,
            name: s.name,
            email: s.email,
            staffRole: s.staffRole ?? "",
            version: s.version === null ? null : Number(s.version),
            confirmedAt: s.confirmedAt === null ? null : new Date(s.confirmedAt).toISOString(),
            current: s.version !== null && Number(s.version) === current.version,
          })),
        };
      }),
  );

  app.post(
    "/confidentiality-statements",
    {
      config: { audience: { staff: ["admin"], customer: NO_CUSTOMERS, noCustomerData: true } },
      schema: {
        tags,
        summary: "Publish a new version of the statement: every staff user confirms it again before they see customer data",
        body: PublishBody,
        response: { 201: Statement, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await inScope(db, scopeOf(actor), (tx) => publishStatement(tx, clock, eventActor(actor), request.body));
      return reply.status(201).send(presentStatement(row));
    },
  );

  app.post(
    "/controllers/:id/break-glass",
    {
      config: { audience: { staff: ["support"], customer: NO_CUSTOMERS, record: "controller", outsideAssignment: true } },
      schema: {
        tags,
        summary: "Support opens a customer not assigned to them for 60 minutes, with a reason the customer and the privacy officer read (art. 9.1)",
        params: IdParams,
        body: BreakGlassBody,
        response: { 201: Grant, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const grant = await inScope(db, scopeOf(actor), (tx) => breakGlass(tx, clock, actor, request.params.id, request.body.reason));
      return reply.status(201).send({
        id: grant.id,
        controllerId: grant.controllerId,
        reason: grant.reason,
        grantedAt: grant.grantedAt.toISOString(),
        expiresAt: grant.expiresAt.toISOString(),
      });
    },
  );

  const readLog = (actor: Actor, query: { controllerId?: string | undefined; from?: string | undefined; to?: string | undefined }) => ({
    controllerId: logScope(actor, query.controllerId),
    ...periodOf(query),
  });

  app.get(
    "/access-log",
    {
      config: { audience: { staff: OVERSIGHT, customer: CUSTOMER_ALL } },
      schema: {
        tags,
        summary:
          "Who at the processor viewed the customer's personal data, when, and why (newest first); a customer its own, staff by customer or all; a page after `after` (keyset)",
        querystring: AccessLogQuery,
        response: { 200: AccessLogPage, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const filter = readLog(actor, request.query);
      const limit = request.query.limit ?? 100;
      const after = decodeKeyset(request.query.after, ACCESS_LOG_KEY);
      const page = await inScope(db, scopeOf(actor), (tx) => listAccessLog(tx, { ...filter, offset: request.query.offset ?? 0, limit, after }));
      const { items, next } = keysetPage(page.items, limit);
      return { total: page.total, totalExact: page.exact, items: items.map(presentAccess), next };
    },
  );

  app.get(
    "/access-log/export",
    {
      config: { audience: { staff: OVERSIGHT, customer: CUSTOMER_ALL } },
      schema: {
        tags,
        summary: "The access log as CSV (same filter as GET /access-log), newest first, streamed",
        querystring: AccessLogExportQuery,
        response: FileResponses("the access log", "text/csv"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const filter = readLog(actor, request.query);
      const name = actor.locale === "nl" ? "toegangslog" : "access-log";
      return streamDownload(request, reply, "text/csv; charset=utf-8", `${name}-${clock.now().toISOString().slice(0, 10)}.csv`, (out) =>
        writeAccessLogCsv(db, scopeOf(actor), filter, actor.locale, out),
      );
    },
  );
}
