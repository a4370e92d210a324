import { withMultipart } from "../../http/multipart-scope.ts";
import { Type } from "typebox";
import { inScope } from "../../db/scope.ts";
import { scopeOf, STAFF_ALL } from "../../http/actor.ts";
import { CUSTOMER_ALL, NO_CUSTOMERS } from "../../http/audience.ts";
import { contentDisposition } from "../../http/content-disposition.ts";
import { notFound } from "../../http/errors.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, FileResponses, IdParams } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { eventActor } from "../evidence/index.ts";
import { measuresReport } from "./measures-report.ts";
import { ONE_FILE_LIMITS, readOneFile } from "../threads/index.ts";
import { matchesReview, presentAnnex2Measure, presentMeasure } from "./present.ts";
import { previewAnnex2, publishAnnex2 } from "./publish-annex2.ts";
import { findEvidence, latestAnnex2Pair, listActiveStaff, listAnnex2Versions, listEvidence, listMeasures, listReviews } from "./queries.ts";
import { recordMeasureReview } from "./record-review.ts";
import { saveMeasure } from "./save-measure.ts";
import {
  Annex2Current,
  Annex2Preview,
  Annex2VersionSummary,
  EvidenceFile,
  EvidenceForm,
  EvidenceParams,
  Measure,
  MeasureBody,
  MeasureDetail,
  MeasureListQuery,
  Owner,
  PublishBody,
  ReportQuery,
  ReviewBody,
} from "./schemas.ts";
import { uploadMeasureEvidence } from "./upload-evidence.ts";
import { measureWords } from "./words.ts";

/** Who keeps the register, records reviews and evidence, and publishes Annex 2. */
export const MEASURE_EDITORS = ["admin", "privacy_officer", "security_officer"] as const;
const tags = ["measures"];

/**
 * The measures register (art. 7.1, Annex 2): staff keep it, review it and publish Annex 2; customers
 * read the current Annex 2 and the measures report. In a plugin of its own so multipart uploads
 * (evidence files) are accepted here and nowhere else.
 */
export function measureRoutes(app: TypedApp, deps: RouteDeps): void {
  withMultipart(app, ONE_FILE_LIMITS, (scoped) => {
    registerRoutes(scoped, deps);
    annex2Routes(scoped, deps);
  });
}

function registerRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  async function detail(scope: ReturnType<typeof scopeOf>, id: string) {
    return inScope(db, scope, async (tx) => {
      const [row] = await listMeasures(tx, id);
      if (!row) {
        throw notFound(measureWords.noun.measure);
      }
      const reviews = await listReviews(tx, id);
      const evidence = await listEvidence(tx, id);
      return {
        measure: presentMeasure(row, clock.now()),
        reviews: reviews.map(({ review, reviewerName }) => ({
          id: review.id,
          reviewedAt: review.reviewedAt.toISOString(),
          reviewerName,
          note: review.note,
          inTime: review.inTime,
        })),
        evidence: evidence.map((e) => ({ ...e, uploadedAt: e.uploadedAt.toISOString() })),
      };
    });
  }

  app.get(
    "/measures",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS } },
      schema: {
        tags,
        summary: "The measures register (art. 7.1): theme, owner, status, review due; filter by theme, status, review due/overdue",
        querystring: MeasureListQuery,
        response: { 200: Type.Array(Measure), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = clock.now();
      const { theme, status, review } = request.query;
      const rows = await inScope(db, scopeOf(actor), (tx) => listMeasures(tx));
      return rows
        .filter((r) => (theme === undefined || r.measure.theme === theme) && (status === undefined || r.measure.status === status))
        .filter((r) => review === undefined || matchesReview(r, review, now))
        .map((r) => presentMeasure(r, now));
    },
  );

  app.get(
    "/measures/owners",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS } },
      schema: { tags, summary: "The staff who may own a measure", response: { 200: Type.Array(Owner), ...ErrorResponses } },
    },
    async (request) => inScope(db, scopeOf(actorOf(request)), (tx) => listActiveStaff(tx)),
  );

  app.get(
    "/measures/report.pdf",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: {
        tags,
        summary: "The measures report (art. 2.2, 7.1): every measure in place with theme, description and last review; no evidence files, no owners",
        querystring: ReportQuery,
        produces: ["application/pdf"],
        response: FileResponses("the measures report", "application/pdf"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const locale = request.query.lang ?? actor.locale;
      const report = await inScope(db, scopeOf(actor), (tx) => measuresReport(tx, locale, clock));
      const stamp = clock.now().toISOString().slice(0, 10);
      return reply
        .type("application/pdf")
        .header("content-disposition", contentDisposition(`${measureWords.report.fileName[locale]}-${stamp}.pdf`))
        .header("x-content-sha256", report.sha256)
        .send(Buffer.from(report.pdf));
    },
  );

  app.get(
    "/measures/:id",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS, record: "shared" } },
      schema: { tags, summary: "A measure with its reviews and evidence files", params: IdParams, response: { 200: MeasureDetail, ...ErrorResponses } },
    },
    async (request) => detail(scopeOf(actorOf(request)), request.params.id),
  );

  app.post(
    "/measures",
    {
      config: { audience: { staff: MEASURE_EDITORS, customer: NO_CUSTOMERS } },
      schema: { tags, summary: "Add a measure to the register", body: MeasureBody, response: { 201: MeasureDetail, ...ErrorResponses } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await inScope(db, scopeOf(actor), (tx) => saveMeasure(tx, clock, eventActor(actor), null, request.body));
      return reply.status(201).send(await detail(scopeOf(actor), id));
    },
  );

  app.put(
    "/measures/:id",
    {
      config: { audience: { staff: MEASURE_EDITORS, customer: NO_CUSTOMERS, record: "shared" } },
      schema: { tags, summary: "Change a measure", params: IdParams, body: MeasureBody, response: { 200: MeasureDetail, ...ErrorResponses } },
    },
    async (request) => {
      const actor = actorOf(request);
      await inScope(db, scopeOf(actor), (tx) => saveMeasure(tx, clock, eventActor(actor), request.params.id, request.body));
      return detail(scopeOf(actor), request.params.id);
    },
  );

  app.post(
    "/measures/:id/reviews",
    {
      config: { audience: { staff: MEASURE_EDITORS, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary: "Record a review of a measure: meets its review duty (in time or late) and opens the next",
        params: IdParams,
        body: ReviewBody,
        response: { 201: MeasureDetail, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await inScope(db, scopeOf(actor), (tx) => recordMeasureReview(tx, clock, eventActor(actor), request.params.id, request.body.note));
      return reply.status(201).send(await detail(scopeOf(actor), request.params.id));
    },
  );

  app.post(
    "/measures/:id/evidence",
    {
      config: { audience: { staff: MEASURE_EDITORS, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary: 'Put an evidence file on file for a measure (multipart/form-data, field "file", at most 10 MB); staff only',
        params: IdParams,
        consumes: ["multipart/form-data"],
        body: { content: { "multipart/form-data": { schema: EvidenceForm } } },
        response: { 201: EvidenceFile, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const file = await readOneFile(request, measureWords);
      const saved = await inScope(db, scopeOf(actor), (tx) => uploadMeasureEvidence(tx, clock, eventActor(actor), request.params.id, file));
      return reply.status(201).send({
        id: saved.id,
        fileName: file.fileName,
        mediaType: file.mediaType,
        size: saved.size,
        sha256: saved.sha256,
        uploadedAt: clock.now().toISOString(),
        uploadedByName: actor.name,
      });
    },
  );

  app.get(
    "/measures/:id/evidence/:fileId",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS, record: "shared" } },
      schema: {
        tags,
        summary: "Download an evidence file as uploaded (staff only)",
        params: EvidenceParams,
        response: FileResponses("the file as uploaded", "application/octet-stream"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const file = await inScope(db, scopeOf(actor), (tx) => findEvidence(tx, request.params.id, request.params.fileId));
      if (!file) {
        throw notFound(measureWords.noun.evidence);
      }
      return reply
        .type("application/octet-stream")
        .header("content-disposition", contentDisposition(file.fileName))
        .header("x-content-sha256", file.sha256)
        .send(Buffer.from(file.content));
    },
  );
}

function annex2Routes(app: TypedApp, { db, clock }: RouteDeps) {
  app.get(
    "/annex2",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: {
        tags,
        summary: "The current Annex 2 (art. 7.1) with what changed since the previous version",
        response: { 200: Annex2Current, ...ErrorResponses },
      },
    },
    async (request) => {
      const [current, previous] = await inScope(db, scopeOf(actorOf(request)), (tx) => latestAnnex2Pair(tx));
      if (!current) {
        return { version: null, publishedAt: null, note: "", measures: [], changes: { added: [], removed: [], changed: [] }, previousVersion: null };
      }
      return {
        version: current.version,
        publishedAt: current.publishedAt.toISOString(),
        note: current.note,
        measures: current.measures.map(presentAnnex2Measure),
        changes: current.changes,
        previousVersion: previous?.version ?? null,
      };
    },
  );

  app.get(
    "/annex2/versions",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS } },
      schema: { tags, summary: "Every published version of Annex 2 with what changed", response: { 200: Type.Array(Annex2VersionSummary), ...ErrorResponses } },
    },
    async (request) => {
      const rows = await inScope(db, scopeOf(actorOf(request)), (tx) => listAnnex2Versions(tx));
      return rows.map((r) => ({
        version: r.version,
        publishedAt: r.publishedAt.toISOString(),
        note: r.note,
        measureCount: r.measureCount,
        changes: r.changes,
      }));
    },
  );

  app.get(
    "/annex2/preview",
    {
      config: { audience: { staff: STAFF_ALL, customer: NO_CUSTOMERS } },
      schema: {
        tags,
        summary: "What publishing Annex 2 now would change, and how many customers would be told",
        response: { 200: Annex2Preview, ...ErrorResponses },
      },
    },
    async (request) => {
      const { latest, changes, customers } = await inScope(db, scopeOf(actorOf(request)), (tx) => previewAnnex2(tx));
      const any = changes.added.length + changes.removed.length + changes.changed.length > 0;
      return { currentVersion: latest?.version ?? null, changes, hasChanges: latest === null || any, customers };
    },
  );

  app.post(
    "/annex2/versions",
    {
      config: { audience: { staff: MEASURE_EDITORS, customer: NO_CUSTOMERS } },
      schema: {
        tags,
        summary: "Publish the measures in place as a new version of Annex 2; every customer with an agreement is told what changed",
        body: PublishBody,
        response: { 201: Annex2VersionSummary, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { version } = await inScope(db, scopeOf(actor), (tx) => publishAnnex2(tx, clock, eventActor(actor), request.body.note));
      return reply.status(201).send({
        version: version.version,
        publishedAt: version.publishedAt.toISOString(),
        note: version.note,
        measureCount: version.measures.length,
        changes: version.changes,
      });
    },
  );
}
