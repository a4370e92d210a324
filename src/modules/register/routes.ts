// The register's routes (GDPR art. 30): the processor's whole register for staff, streamed as CSV,
// XLSX or PDF, with a preview; and each customer's own slice for its art. 30(1) record.
import type { StaffRole } from "../../db/schema/index.ts";
import { formatInstant } from "../../domain/legal-time.ts";
import type { Locale } from "../../domain/text.ts";
import { scopeOf, type Actor } from "../../http/actor.ts";
import { CUSTOMER_ALL, NO_CUSTOMERS } from "../../http/audience.ts";
import { contentDisposition } from "../../http/content-disposition.ts";
import { streamDownload } from "../../http/download.ts";
import { notFound } from "../../http/errors.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, FileResponses, IdParams } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import type { RegisterController } from "./content.ts";
import { PDF_MAX_CONTROLLERS, registerPdf, sliceJson, writeRegisterCsv, writeRegisterXlsx } from "./export-files.ts";
import { MEDIA_TYPES, openRegisterExport, registerFileName, writeRegister } from "./export-register.ts";
import { headers, linesOf } from "./lines.ts";
import { readControllerSlice, readRegister } from "./read-register.ts";
import { PreviewQuery, RegisterExportQuery, RegisterPreview, SliceExportQuery } from "./schemas.ts";
import { registerWords } from "./words.ts";

/**
 * Who reads the processor's whole register: the administrator, the privacy officer (who keeps it)
 * and the auditor (who checks it). Support and security staff work on single customers or
 * incidents; customers get their own slice only.
 */
export const REGISTER_READ: readonly StaffRole[] = ["admin", "privacy_officer", "auditor"];

const localeOf = (actor: Actor, lang: Locale | undefined): Locale => lang ?? actor.locale;

async function* once(controller: RegisterController) {
  await Promise.resolve();
  yield [controller];
}

export function registerRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  const tags = ["register"];

  app.get(
    "/register/export",
    {
      config: { audience: { staff: REGISTER_READ, customer: NO_CUSTOMERS } },
      schema: {
        tags,
        summary: `The processor's register of processing (GDPR art. 30(2)) as CSV, XLSX or PDF, streamed; the PDF up to ${PDF_MAX_CONTROLLERS} controllers`,
        querystring: RegisterExportQuery,
        response: FileResponses("the register", MEDIA_TYPES.csv, MEDIA_TYPES.xlsx, MEDIA_TYPES.pdf),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { format, lang } = request.query;
      const locale = localeOf(actor, lang);
      const now = clock.now();
      const source = await openRegisterExport(db, scopeOf(actor), format);
      return streamDownload(request, reply, MEDIA_TYPES[format], registerFileName("register", format, locale, now), (out) =>
        writeRegister(source, format, locale, now, out),
      );
    },
  );

  app.get(
    "/register/preview",
    {
      config: { audience: { staff: REGISTER_READ, customer: NO_CUSTOMERS } },
      schema: {
        tags,
        summary: "The register's first lines as the export has them, and how many controllers it holds",
        querystring: PreviewQuery,
        response: { 200: RegisterPreview, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const locale = localeOf(actor, request.query.lang);
      const limit = request.query.limit ?? 10;
      const source = await readRegister(db, scopeOf(actor), limit);
      const rows: string[][] = [];
      for await (const batch of source.batches) {
        rows.push(...batch.flatMap((controller) => linesOf(controller, source.context, locale)));
        break;
      }
      return { controllers: source.total, pdfMaxControllers: PDF_MAX_CONTROLLERS, columns: headers(locale), rows: rows.slice(0, limit) };
    },
  );

  app.get(
    "/controllers/:id/register",
    {
      config: { audience: { staff: REGISTER_READ, customer: CUSTOMER_ALL, record: "controller" } },
      schema: {
        tags,
        summary: "A customer's own slice of the register, for its record of processing (GDPR art. 30(1)): CSV, XLSX, PDF or JSON",
        params: IdParams,
        querystring: SliceExportQuery,
        response: FileResponses("the customer's slice", MEDIA_TYPES.csv, MEDIA_TYPES.xlsx, MEDIA_TYPES.pdf, "application/json"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { format, lang } = request.query;
      const locale = localeOf(actor, lang);
      const now = clock.now();
      // Row-level security: another customer's controller is not found (404), as one that does not exist.
      const slice = await readControllerSlice(db, scopeOf(actor), request.params.id);
      if (slice === null) {
        throw notFound(registerWords.noun.controller);
      }
      const { context, controller } = slice;
      const fileName = registerFileName("slice", format, locale, now);
      const download = (type: string, body: Buffer | string) => reply.type(type).header("content-disposition", contentDisposition(fileName)).send(body);
      switch (format) {
        case "json":
          return download(MEDIA_TYPES.json, JSON.stringify(sliceJson(context, controller, locale, now.toISOString())));
        case "pdf":
          return download(
            MEDIA_TYPES.pdf,
            Buffer.from(registerPdf(context, [controller], { locale, generatedAt: formatInstant(now, context.zone, locale), slice: true })),
          );
        case "csv":
          return streamDownload(request, reply, MEDIA_TYPES.csv, fileName, (out) => writeRegisterCsv({ context, batches: once(controller) }, locale, out));
        case "xlsx":
          return streamDownload(request, reply, MEDIA_TYPES.xlsx, fileName, (out) => writeRegisterXlsx({ context, batches: once(controller) }, locale, out));
      }
    },
  );
}
