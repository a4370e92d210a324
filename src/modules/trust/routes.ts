import { PUBLIC } from "../../http/audience.ts";
import { Type } from "typebox";
import { inScope, type Scope } from "../../db/scope.ts";
import { countryName } from "../../domain/transfers.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { ErrorResponses, Instant, Localized, NullableInstant, iso, FileResponses } from "../../http/schemas.ts";
import { publicUrl } from "../notices/index.ts";
import { findProcessor } from "../processor/index.ts";
import { publicMeasures } from "../measures/index.ts";
import { feedChanges, publicRegister, type PublicChange } from "../subprocessors/index.ts";
import { buildAtomFeed } from "./atom.ts";

/**
 * Public routes run with a customer scope that matches no customer: row-level security then
 * shows only what is public by policy (the register), whatever a query asks for.
 */
const PUBLIC_SCOPE: Scope = { kind: "controller", controllerId: "00000000-0000-0000-0000-000000000000" };
const RATE_LIMIT = { rateLimit: { max: 120, timeWindow: "1 minute" } };
/** Changes in effect this recently are listed on the page. */
const RECENT_DAYS = 180;
const FEED_ENTRIES = 100;

const Country = Type.Object({ code: Type.String(), name: Localized });
const ChangeKind = Type.Enum(["add", "replace", "remove", "relocate"]);
const PublicChangeOut = Type.Object({
  id: Type.String(),
  kind: ChangeKind,
  subprocessorName: Type.String(),
  replacesName: Type.Union([Type.String(), Type.Null()]),
  countries: Type.Array(Country),
  description: Localized,
  announcedAt: Instant,
  windowClosesAt: Instant,
  effectiveAt: NullableInstant,
});
const TrustPage = Type.Object({
  processor: Type.Object({ name: Type.String(), country: Country }),
  subprocessors: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      activity: Localized,
      website: Type.Union([Type.String(), Type.Null()]),
      countries: Type.Array(Country),
      services: Type.Array(Type.Object({ code: Type.String(), nl: Type.String(), en: Type.String() })),
    }),
  ),
  announced: Type.Array(PublicChangeOut, { description: "announced, not yet in effect: effectiveAt is the planned date, if set" }),
  recent: Type.Array(PublicChangeOut, { description: `in effect during the last ${RECENT_DAYS} days` }),
  measures: Type.Array(Type.Object({ code: Type.String(), theme: Type.String(), themeLabel: Localized, title: Localized }), {
    description: "the security measures in place (art. 7.1): names and ISO/IEC 27001 themes only",
  }),
});

const country = (code: string) => ({ code, name: { nl: countryName(code, "nl"), en: countryName(code, "en") } });

function presentPublicChange(c: PublicChange) {
  return {
    id: c.id,
    kind: c.kind,
    subprocessorName: c.subprocessorName,
    replacesName: c.replacesName,
    countries: c.countries.map(country),
    description: c.description,
    announcedAt: c.announcedAt.toISOString(),
    windowClosesAt: c.windowClosesAt.toISOString(),
    effectiveAt: iso(c.effectiveAt),
  };
}

/** The public trust page (art. 5): sub-processors and their changes, as JSON and as an Atom feed. No login. */
export function trustRoutes(app: TypedApp, { db, clock }: RouteDeps): void {
  app.get(
    "/trust",
    {
      config: { ...RATE_LIMIT, audience: PUBLIC },
      schema: {
        tags: ["trust"],
        summary: "The public trust page: engaged sub-processors, changes announced, changes recently in effect (no login)",
        security: [],
        response: { 200: TrustPage, ...ErrorResponses },
      },
    },
    async () => {
      const since = new Date(clock.now().getTime() - RECENT_DAYS * 86_400_000);
      const { processor, register, measures } = await inScope(db, PUBLIC_SCOPE, async (tx) => ({
        processor: await findProcessor(tx),
        register: await publicRegister(tx, since),
        measures: await publicMeasures(tx),
      }));
      return {
        processor: { name: processor.name, country: country(processor.country) },
        subprocessors: register.active.map((s) => ({
          id: s.id,
          name: s.name,
          activity: s.activity,
          website: s.website,
          countries: [...new Set(s.locations.map((l) => l.country))].map(country),
          services: s.services.map(({ code, nl, en }) => ({ code, nl, en })),
        })),
        announced: register.announced.map(presentPublicChange),
        recent: register.recent.map(presentPublicChange),
        measures,
      };
    },
  );

  app.get(
    "/trust/changes.atom",
    {
      config: { ...RATE_LIMIT, audience: PUBLIC },
      schema: {
        tags: ["trust"],
        summary: "Atom feed of sub-processor changes (no login), in Dutch or English",
        security: [],
        querystring: Type.Object({ lang: Type.Enum(["nl", "en"], { default: "nl" }) }, { additionalProperties: false }),
        produces: ["application/atom+xml"],
        response: FileResponses("the Atom feed", "application/atom+xml"),
      },
    },
    async (request, reply) => {
      const { processor, changes } = await inScope(db, PUBLIC_SCOPE, async (tx) => ({
        processor: await findProcessor(tx),
        changes: await feedChanges(tx, FEED_ENTRIES),
      }));
      const xml = buildAtomFeed({
        processorName: processor.name,
        // The configured address only: the request's Host or X-Forwarded-Host is the client's claim.
        baseUrl: publicUrl(),
        locale: request.query.lang,
        zone: processor.timeZone,
        changes,
      });
      return reply.type("application/atom+xml; charset=utf-8").send(xml);
    },
  );
}
