import { inScope } from "../../db/scope.ts";
import { COUNT_BANDS, transparencyReport } from "../../domain/transparency-report.ts";
import { PUBLIC } from "../../http/audience.ts";
import { ErrorResponses } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { findProcessor } from "../processor/index.ts";
import { reportFacts } from "./queries.ts";
import { AUTHORITY_KINDS, DISCLOSURE_DECISIONS, TransparencyReport } from "./schemas.ts";
import { disclosureWords } from "./words.ts";

const RATE_LIMIT = { rateLimit: { max: 120, timeWindow: "1 minute" } };

/** The public transparency report on disclosure orders (art. 9.2), for the trust page. No login. */
export function disclosureReportRoutes(app: TypedApp, { db, clock }: RouteDeps): void {
  app.get(
    "/trust/disclosures",
    {
      config: { ...RATE_LIMIT, audience: PUBLIC },
      schema: {
        tags: ["trust"],
        summary:
          "Transparency report (no login): disclosure orders per half-year by kind of authority and outcome, and customers concerned; counts in bands where a gagged order is among them, orders still under a gag left out",
        security: [],
        response: { 200: TransparencyReport, ...ErrorResponses },
      },
    },
    async () => {
      // The register is the processor's own (no public policy lets it be read): the report is computed
      // in the processor's scope, and only the counts below leave it.
      const { facts, zone } = await inScope(db, { kind: "processor" }, async (tx) => ({
        facts: await reportFacts(tx),
        zone: (await findProcessor(tx)).timeZone,
      }));
      const periods = transparencyReport(facts, AUTHORITY_KINDS, DISCLOSURE_DECISIONS, clock.now(), zone);
      return {
        periods: periods.map((p) => ({
          ...p,
          byAuthority: p.byAuthority.map((a) => ({ ...a, label: disclosureWords.authorityKinds[a.kind] })),
          byOutcome: p.byOutcome.map((o) => ({ ...o, label: disclosureWords.decisions[o.decision] })),
        })),
        bands: [...COUNT_BANDS],
      };
    },
  );
}
