// GET /controllers/:id/evidence-bundle: a customer's evidence as a ZIP, streamed (bundle.ts). Its
// own users download it from the portal and the API; staff who answer for the evidence make one
// for any customer. Making it is itself evidence, recorded before the bundle is read, so the bundle
// holds its own event.
import { PassThrough } from "node:stream";
import type { StaffRole } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { scopeOf } from "../../http/actor.ts";
import { CUSTOMER_ALL } from "../../http/audience.ts";
import { contentDisposition } from "../../http/content-disposition.ts";
import { notFound } from "../../http/errors.ts";
import { actorOf } from "../../http/request-context.ts";
import { FileResponses, IdParams } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { mailFrom, recordBundleMade, writeBundle } from "./bundle.ts";
import { eventActor } from "../evidence/index.ts";
import { evidenceWords } from "./words.ts";

/** Staff who may make a customer's bundle: those who answer for the evidence. */
export const BUNDLE_STAFF: readonly StaffRole[] = ["admin", "privacy_officer", "security_officer", "auditor"];

export function bundleRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  app.get(
    "/controllers/:id/evidence-bundle",
    {
      config: { audience: { staff: BUNDLE_STAFF, customer: CUSTOMER_ALL, record: "controller" }, personalData: "customer" },
      schema: {
        tags: ["evidence"],
        summary:
          "The customer's evidence bundle (ZIP, streamed): its whole event chain, agreements as signed, notices as sent, documents received, a manifest of SHA-256 hashes and a README; check it with `art28 verify --bundle` or the trust site's verifier",
        params: IdParams,
        response: FileResponses("the evidence bundle", "application/zip"),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const scope = scopeOf(actor);
      const controllerId = request.params.id;
      const now = clock.now();
      // Row-level security: another customer's is not found (404), as one that does not exist.
      const made = await inScope(db, scope, (tx) => recordBundleMade(tx, clock, eventActor(actor), controllerId));
      if (!made) {
        throw notFound(evidenceWords.noun.controller);
      }
      const from = await mailFrom(db);
      const out = new PassThrough();
      writeBundle({ db, clock, scope, controllerId, controllerName: made.controller.name, head: made.head, from }, out).catch((error: unknown) => {
        request.log.error({ err: error }, "evidence bundle failed midway");
        out.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      const fileName = `${evidenceWords.bundleFile[actor.locale]}-${made.controller.name}-${now.toISOString().slice(0, 10)}.zip`;
      return reply.type("application/zip").header("content-disposition", contentDisposition(fileName)).send(out);
    },
  );
}
