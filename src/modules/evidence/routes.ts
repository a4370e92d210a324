import { NO_CUSTOMERS } from "../../http/audience.ts";
import { Type } from "typebox";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { ErrorResponses } from "../../http/schemas.ts";
import type { StaffRole } from "../../db/schema/index.ts";
import { verifyChain } from "./verify-chain.ts";

/** Who may check the whole log: it names no customer, but counts every customer's events. */
const VERIFIERS: readonly StaffRole[] = ["admin", "privacy_officer", "security_officer", "auditor"];

const Verification = Type.Object({
  ok: Type.Boolean(),
  events: Type.Integer({ description: "events checked" }),
  streams: Type.Integer({ description: "hash chains checked (the processor's and one per customer)" }),
  seconds: Type.Number(),
  firstBroken: Type.Union([
    Type.Object({
      stream: Type.String(),
      streamSeq: Type.Union([Type.Integer(), Type.Null()]),
      seq: Type.Union([Type.Integer(), Type.Null()]),
      reason: Type.String(),
    }),
    Type.Null(),
  ]),
});

export function evidenceRoutes(app: TypedApp, { db }: RouteDeps) {
  app.get(
    "/evidence/verification",
    {
      config: { audience: { staff: VERIFIERS, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["evidence"],
        summary: "Check the hash chain of the whole evidence log (what `art28 verify` does), names the first broken link",
        response: { 200: Verification, ...ErrorResponses },
      },
    },
    async () => {
      const started = performance.now();
      const result = await verifyChain(db);
      return { ...result, seconds: (performance.now() - started) / 1000 };
    },
  );
}
