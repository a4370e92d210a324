import type { Static } from "typebox";
import type { IncidentBody } from "./schemas.ts";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { breachNotices, incidents, services, subprocessors } from "../../db/schema/index.ts";
import type { StoredNoticeFacts } from "../../domain/breach-notice.ts";
import type { Clock } from "../../domain/clock.ts";
import { invalid } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { reopenBreachClocks } from "./breach-clocks.ts";
import { lockOpenIncident, subjectOf, type IncidentRow } from "./queries.ts";

/** What the request body says: the route's schema validates it, and types it (no twin by hand). */
export type IncidentInput = Static<typeof IncidentBody>;

export type IncidentPatchInput = Partial<IncidentInput> & { discloseCount?: boolean | undefined };

/** A discovery a few minutes ahead of the server's clock is a clock skew, not a typing error. */
const SKEW_MS = 5 * 60_000;

const instantOrNull = (value: string | null | undefined) => (value ? new Date(value) : null);

/** The incident's own rules: a period runs forwards, starts before discovery; discovery is not in the future. */
function checkTimes(fields: { startedAt: Date | null; endedAt: Date | null; ongoing: boolean; discoveredAt: Date }, now: Date): void {
  if (fields.discoveredAt.getTime() > now.getTime() + SKEW_MS) {
    throw invalid("body.discoveredAt", { nl: "ligt in de toekomst", en: "lies in the future" });
  }
  if (fields.startedAt && fields.startedAt > fields.discoveredAt) {
    throw invalid("body.startedAt", {
      nl: "ligt na de ontdekking; een incident begint voordat het ontdekt wordt",
      en: "lies after the discovery; an incident starts before it is discovered",
    });
  }
  if (fields.endedAt && fields.startedAt && fields.endedAt < fields.startedAt) {
    throw invalid("body.endedAt", { nl: "ligt vóór het begin", en: "lies before the start" });
  }
  if (fields.endedAt && fields.ongoing) {
    throw invalid("body.ongoing", { nl: "een incident met een einde is niet meer gaande", en: "an incident with an end is no longer going on" });
  }
}

async function checkReferences(tx: Db, serviceIds: string[], subprocessorIds: string[]): Promise<void> {
  const knownServices = serviceIds.length ? await tx.select({ id: services.id }).from(services).where(inArray(services.id, serviceIds)) : [];
  const unknownService = serviceIds.findIndex((id) => !knownServices.some((s) => s.id === id));
  if (unknownService >= 0) {
    throw invalid(`body.serviceIds.${unknownService}`, { nl: "onbekende dienst", en: "unknown service" });
  }
  const knownSubs = subprocessorIds.length
    ? await tx.select({ id: subprocessors.id }).from(subprocessors).where(inArray(subprocessors.id, subprocessorIds))
    : [];
  const unknownSub = subprocessorIds.findIndex((id) => !knownSubs.some((s) => s.id === id));
  if (unknownSub >= 0) {
    throw invalid(`body.subprocessorIds.${unknownSub}`, { nl: "onbekende subverwerker", en: "unknown sub-processor" });
  }
}

/** The notice's period follows the incident's, until someone writes it differently. */
function periodFact(startedAt: Date | null, endedAt: Date | null, ongoing: boolean): StoredNoticeFacts["period"] {
  if (!startedAt) {
    return undefined;
  }
  return { status: "known", value: { start: startedAt.toISOString(), end: endedAt ? endedAt.toISOString() : ongoing ? "ongoing" : null } };
}

/** GDPR art. 33(5): records a security incident in the register. Breach or not, it stays there. */
export async function recordIncident(tx: Db, clock: Clock, actor: EventActor & { id: string | null }, input: IncidentInput): Promise<string> {
  const now = clock.now();
  const fields = {
    startedAt: instantOrNull(input.startedAt),
    endedAt: instantOrNull(input.endedAt),
    ongoing: input.ongoing ?? false,
    discoveredAt: new Date(input.discoveredAt),
  };
  checkTimes(fields, now);
  const serviceIds = [...new Set(input.serviceIds ?? [])];
  const subprocessorIds = [...new Set(input.subprocessorIds ?? [])];
  await checkReferences(tx, serviceIds, subprocessorIds);
  const period = periodFact(fields.startedAt, fields.endedAt, fields.ongoing);
  const [row] = await tx
    .insert(incidents)
    .values({
      title: input.title.trim(),
      description: input.description,
      ...fields,
      discoveryHow: input.discoveryHow,
      systems: (input.systems ?? []).map((s) => s.trim()),
      serviceIds,
      subprocessorIds,
      facts: period ? { period } : {},
      recordedBy: actor.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: incidents.id, number: incidents.number });
  if (!row) {
    throw new Error("incident insert returned nothing");
  }
  await recordEvent(tx, clock, {
    type: "incident.recorded",
    actor,
    controllerId: null,
    subject: subjectOf(row.id),
    data: {
      number: row.number,
      title: input.title,
      discoveredAt: fields.discoveredAt.toISOString(),
      startedAt: fields.startedAt?.toISOString() ?? null,
      endedAt: fields.endedAt?.toISOString() ?? null,
      ongoing: fields.ongoing,
      systems: input.systems ?? [],
      serviceIds,
      subprocessorIds,
    },
  });
  return row.id;
}

/**
 * Changes what the register says about an incident. The discovery instant starts every affected
 * customer's 48-hour clock: it can be corrected until the first notice has gone out (the clocks
 * move with it), not after (the notices carry it).
 */
export async function updateIncident(tx: Db, clock: Clock, actor: EventActor, id: string, patch: IncidentPatchInput): Promise<void> {
  const incident = await lockOpenIncident(tx, id);
  const next = {
    startedAt: patch.startedAt === undefined ? incident.startedAt : instantOrNull(patch.startedAt),
    endedAt: patch.endedAt === undefined ? incident.endedAt : instantOrNull(patch.endedAt),
    ongoing: patch.ongoing ?? (patch.endedAt ? false : incident.ongoing),
    discoveredAt: patch.discoveredAt === undefined ? incident.discoveredAt : new Date(patch.discoveredAt),
  };
  checkTimes(next, clock.now());
  const discoveryMoved = next.discoveredAt.getTime() !== incident.discoveredAt.getTime();
  if (discoveryMoved && (await hasNotices(tx, id))) {
    throw invalid("body.discoveredAt", {
      nl: "kan niet meer veranderen: er zijn al meldingen met dit tijdstip verstuurd (stuur een vervolgmelding met de correctie)",
      en: "can no longer change: notices carrying it have been sent (send a follow-up with the correction)",
    });
  }
  const serviceIds = patch.serviceIds ? [...new Set(patch.serviceIds)] : incident.serviceIds;
  const subprocessorIds = patch.subprocessorIds ? [...new Set(patch.subprocessorIds)] : incident.subprocessorIds;
  await checkReferences(tx, patch.serviceIds ? serviceIds : [], patch.subprocessorIds ? subprocessorIds : []);

  const changes: Partial<IncidentRow> = {
    ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.discoveryHow !== undefined ? { discoveryHow: patch.discoveryHow } : {}),
    ...(patch.systems !== undefined ? { systems: patch.systems.map((s) => s.trim()) } : {}),
    ...(patch.discloseCount !== undefined ? { discloseCount: patch.discloseCount } : {}),
    ...next,
    serviceIds,
    subprocessorIds,
  };
  const changed = (Object.keys(changes) as (keyof IncidentRow)[]).filter((key) => JSON.stringify(changes[key]) !== JSON.stringify(incident[key]));
  if (changed.length === 0) {
    return;
  }
  await tx
    .update(incidents)
    .set({ ...changes, updatedAt: clock.now() })
    .where(eq(incidents.id, id));
  if (discoveryMoved && incident.decision !== "no_notify") {
    await reopenBreachClocks(tx, clock, actor, { ...incident, ...changes } as IncidentRow, "discovery corrected");
  }
  await recordEvent(tx, clock, {
    type: "incident.updated",
    actor,
    controllerId: null,
    subject: subjectOf(id),
    data: Object.fromEntries(changed.map((key) => [key, { from: jsonOf(incident[key]), to: jsonOf(changes[key]) }])),
  });
}

const jsonOf = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null));

async function hasNotices(tx: Db, incidentId: string): Promise<boolean> {
  const [row] = await tx.select({ id: breachNotices.id }).from(breachNotices).where(eq(breachNotices.incidentId, incidentId)).limit(1);
  return row !== undefined;
}
