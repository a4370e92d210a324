import { asc, eq, inArray, sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import {
  annexVersions,
  controllerServices,
  instructedPurposes,
  serviceSubprocessors,
  services,
  subprocessorLocations,
  subprocessors,
  type AnnexSnapshot,
} from "../../db/schema/index.ts";

/** The active sub-processors, one row per location (none: one row without), by name. */
export async function activeSubprocessorLocations(tx: Db) {
  return tx
    .select({
      id: subprocessors.id,
      name: subprocessors.name,
      activity: subprocessors.activity,
      country: subprocessorLocations.country,
      city: subprocessorLocations.city,
      mechanism: subprocessorLocations.mechanism,
    })
    .from(subprocessors)
    .leftJoin(subprocessorLocations, eq(subprocessorLocations.subprocessorId, subprocessors.id))
    .where(eq(subprocessors.status, "active"))
    .orderBy(
      asc(subprocessors.name),
      asc(subprocessors.id),
      asc(subprocessorLocations.sortOrder),
      asc(subprocessorLocations.country),
      asc(subprocessorLocations.city),
    );
}

/** Which services use which active sub-processors. */
export async function activeSubprocessorLinks(tx: Db) {
  return tx
    .select({ serviceId: serviceSubprocessors.serviceId, subprocessorId: serviceSubprocessors.subprocessorId })
    .from(serviceSubprocessors)
    .innerJoin(subprocessors, eq(subprocessors.id, serviceSubprocessors.subprocessorId))
    .where(eq(subprocessors.status, "active"));
}

/** The codes of the services these customers take. */
export async function servicesTakenBy(tx: Db, controllerIds: string[]) {
  return tx
    .select({ controllerId: controllerServices.controllerId, code: services.code })
    .from(controllerServices)
    .innerJoin(services, eq(services.id, controllerServices.serviceId))
    .where(inArray(controllerServices.controllerId, controllerIds));
}

/** The purposes these customers' accepted written instructions added (art. 1.2), oldest first. */
export async function instructedPurposesOf(tx: Db, controllerIds: string[]) {
  return tx
    .select({
      controllerId: instructedPurposes.controllerId,
      code: instructedPurposes.code,
      nl: instructedPurposes.labelNl,
      en: instructedPurposes.labelEn,
      services: instructedPurposes.services,
      from: instructedPurposes.effectiveFrom,
      reference: instructedPurposes.reference,
    })
    .from(instructedPurposes)
    .where(inArray(instructedPurposes.controllerId, controllerIds))
    .orderBy(asc(instructedPurposes.acceptedAt), asc(instructedPurposes.id));
}

/** Each of these customers' latest Annex 1 version. */
export async function latestAnnexVersions(tx: Db, controllerIds: string[]) {
  return rows<{ controller_id: string; version: number; content: AnnexSnapshot }>(
    tx,
    sql`select distinct on (controller_id) controller_id, version, content from annex_versions
        where controller_id = any(${sql.param(controllerIds)}::uuid[]) order by controller_id, version desc`,
  );
}

export async function insertAnnexVersions(tx: Db, inserts: (typeof annexVersions.$inferInsert)[]) {
  return tx.insert(annexVersions).values(inserts).returning({ id: annexVersions.id, controllerId: annexVersions.controllerId, version: annexVersions.version });
}

/** Open offers move to their customer's new Annex 1 version. */
export async function moveOffersToAnnexes(tx: Db, created: { id: string; controllerId: string }[]) {
  await tx.execute(sql`
      update agreements as a set annex_version_id = v.annex
      from unnest(${sql.param(created.map((c) => c.controllerId))}::uuid[], ${sql.param(created.map((c) => c.id))}::uuid[]) as v(controller, annex)
      where a.controller_id = v.controller and a.status = 'offered'`);
}
