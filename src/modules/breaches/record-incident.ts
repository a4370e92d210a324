import type { Static } from "typebox";
import type { IncidentBody } from "./schemas.ts";
import type { Db } from "../../db/engine.ts";
import type { StoredNoticeFacts } from "../../domain/breach-notice.ts";
import type { Clock } from "../../domain/clock.ts";
import { invalid } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { reopenBreachClocks } from "./breach-clocks.ts";
import { hasBreachNotices } from "./notice-queries.ts";
import { existingServiceIds, existingSubprocessorIds, insertIncident, lockOpenIncident, subjectOf, updateIncidentFields, type IncidentRow } from "./queries.ts";
import { breachWords } from "./words.ts";

/** What the request body says: the route's schema validates it, and types it (no twin by hand). */
export type IncidentInput = Static<typeof IncidentBody>;

export type IncidentPatchInput = Partial<IncidentInput> & { discloseCount?: boolean | undefined };

/** A discovery a few minutes ahead of the server's clock is a clock skew, not a typing error. */
const SKEW_MS = 5 * 60_000;

const instantOrNull = (value: string | null | undefined) => (value ? new Date(value) : null);

/** The incident's own rules: a period runs forwards, starts before discovery; discovery is not in the future. */
function checkTimes(fields: { startedAt: Date | null; endedAt: Date | null; ongoing: boolean; discoveredAt: Date }, now: Date): void {
  if (fields.discoveredAt.getTime() > now.getTime() + SKEW_MS) {
    throw invalid("body.discoveredAt", breachWords.discoveryInFuture);
  }
  if (fields.startedAt && fields.startedAt > fields.discoveredAt) {
    throw invalid("body.startedAt", breachWords.startAfterDiscovery);
  }
  if (fields.endedAt && fields.startedAt && fields.endedAt < fields.startedAt) {
    throw invalid("body.endedAt", breachWords.endBeforeStart);
  }
  if (fields.endedAt && fields.ongoing) {
    throw invalid("body.ongoing", breachWords.endedNotOngoing);
  }
}

async function checkReferences(tx: Db, serviceIds: string[], subprocessorIds: string[]): Promise<void> {
  const knownServices = serviceIds.length ? await existingServiceIds(tx, serviceIds) : [];
  const unknownService = serviceIds.findIndex((id) => !knownServices.includes(id));
  if (unknownService >= 0) {
    throw invalid(`body.serviceIds.${unknownService}`, breachWords.unknownService);
  }
  const knownSubs = subprocessorIds.length ? await existingSubprocessorIds(tx, subprocessorIds) : [];
  const unknownSub = subprocessorIds.findIndex((id) => !knownSubs.includes(id));
  if (unknownSub >= 0) {
    throw invalid(`body.subprocessorIds.${unknownSub}`, breachWords.unknownSubprocessor);
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
  const row = await insertIncident(tx, {
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
  });
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
  if (discoveryMoved && (await hasBreachNotices(tx, id))) {
    throw invalid("body.discoveredAt", breachWords.discoveryFixed);
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
  await updateIncidentFields(tx, id, { ...changes, updatedAt: clock.now() });
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
