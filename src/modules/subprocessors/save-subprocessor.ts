import type { Static } from "typebox";
import type { SubprocessorBody } from "./schemas.ts";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { isCountryCode, type TransferMechanism } from "../../domain/transfers.ts";
import { conflict, invalidFields, notFound, type FieldError } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { findServices, findSubprocessor, pendingChangesOf, type LocationRow } from "./queries.ts";
import { insertSubprocessor, replaceLocations, replaceServiceLinks, updateSubprocessorDetails } from "./register-queries.ts";
import { subprocessorWords } from "./words.ts";

export interface LocationInput {
  country: string;
  city: string | null;
  mechanism: TransferMechanism | null;
}

/** What the request body says: the route's schema validates it, and types it (no twin by hand). */
export type SubprocessorInput = Static<typeof SubprocessorBody>;

/**
 * What the schema cannot check: each country is an assigned ISO 3166-1 alpha-2 code (art. 3.1:
 * a location's country decides whether a transfer mechanism is needed), and each service exists.
 */
export async function checkLocationsAndServices(tx: Db, locations: LocationInput[], serviceIds: string[], prefix: string): Promise<void> {
  const problems: FieldError[] = [];
  locations.forEach((location, i) => {
    if (!isCountryCode(location.country)) {
      problems.push({
        field: `${prefix}.locations.${i}.country`,
        message: subprocessorWords.notCountryCode(location.country),
      });
    }
  });
  const unique = [...new Set(serviceIds)];
  const found = await findServices(tx, unique);
  for (const id of unique.filter((id) => !found.some((s) => s.id === id))) {
    problems.push({ field: `${prefix}.serviceIds`, message: subprocessorWords.unknownService(id) });
  }
  if (problems.length > 0) {
    throw invalidFields(problems);
  }
}

/**
 * Registers a sub-processor the processor intends to engage. It starts "proposed": it takes part
 * in nobody's processing until an announced "add" change takes effect (art. 5.2).
 */
export async function createSubprocessor(tx: Db, clock: Clock, actor: EventActor, input: SubprocessorInput): Promise<string> {
  await checkLocationsAndServices(tx, input.locations, input.serviceIds, "body");
  const now = clock.now();
  const id = await insertSubprocessor(tx, {
    name: input.name,
    activity: input.activity,
    website: input.website,
    status: "proposed",
    createdAt: now,
    updatedAt: now,
  });
  await replaceLocations(tx, id, input.locations);
  await replaceServiceLinks(tx, id, input.serviceIds);
  await recordEvent(tx, clock, {
    type: "subprocessor.created",
    actor,
    controllerId: null,
    subject: { type: "subprocessor", id },
    data: {
      name: input.name,
      activity: input.activity,
      website: input.website,
      status: "proposed",
      locations: input.locations,
      serviceIds: [...new Set(input.serviceIds)].sort(),
    },
  });
  return id;
}

const place = (l: LocationRow | LocationInput) => `${l.country}|${(l.city ?? "").trim().toLowerCase()}`;
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Changes a sub-processor's details. Its name, activity and website may be corrected at any time,
 * and so may the transfer mechanism of a location it already has (that changes the legal ground,
 * not where data goes). What customers were told and may object to cannot be edited directly:
 * an engaged (active or removed) sub-processor's services and locations change only through an
 * announced change (art. 5.2), and neither do those of one named in a pending announcement.
 */
export async function updateSubprocessor(tx: Db, clock: Clock, actor: EventActor, id: string, input: SubprocessorInput): Promise<void> {
  const current = await findSubprocessor(tx, id);
  if (!current) {
    throw notFound(subprocessorWords.noun.subprocessor);
  }
  await checkLocationsAndServices(tx, input.locations, input.serviceIds, "body");
  const servicesChanged = !sameList(current.services.map((s) => s.id).sort(), [...new Set(input.serviceIds)].sort());
  const placesChanged = !sameList(current.locations.map(place), input.locations.map(place));
  const mechanismsChanged = !sameList(
    current.locations.map((l) => l.mechanism ?? ""),
    input.locations.map((l) => l.mechanism ?? ""),
  );
  if (servicesChanged || placesChanged) {
    const pending = await pendingChangesOf(tx, id);
    if (current.status !== "proposed") {
      throw conflict(subprocessorWords.onlyThroughAnnouncement(current.status));
    }
    if (pending.length > 0) {
      throw conflict(subprocessorWords.announcedWithdrawFirst);
    }
  }
  await updateSubprocessorDetails(tx, id, input, clock.now());
  if (placesChanged || mechanismsChanged) {
    await replaceLocations(tx, id, input.locations);
  }
  if (servicesChanged) {
    await replaceServiceLinks(tx, id, input.serviceIds);
  }
  const before = {
    name: current.name,
    activity: current.activity,
    website: current.website,
    locations: current.locations,
    serviceIds: current.services.map((s) => s.id).sort(),
  };
  const after = {
    name: input.name,
    activity: input.activity,
    website: input.website,
    locations: input.locations,
    serviceIds: [...new Set(input.serviceIds)].sort(),
  };
  const changed = (Object.keys(before) as (keyof typeof before)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  await recordEvent(tx, clock, {
    type: "subprocessor.updated",
    actor,
    controllerId: null,
    subject: { type: "subprocessor", id },
    data: { status: current.status, changed, before, after },
  });
}
