import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { serviceSubprocessors, subprocessorLocations, subprocessors } from "../../db/schema/index.ts";
import type { LocationRow, SubprocessorStatus } from "./queries.ts";

// Writes to the sub-processor register (art. 5): its rows, locations, service links and contract.
// The reads sit in queries.ts.

type SubprocessorDetails = Pick<typeof subprocessors.$inferInsert, "name" | "activity" | "website">;

/** A new sub-processor row; returns its id. */
export async function insertSubprocessor(db: Db, row: typeof subprocessors.$inferInsert): Promise<string> {
  const [inserted] = await db.insert(subprocessors).values(row).returning({ id: subprocessors.id });
  if (!inserted) {
    throw new Error("sub-processor insert returned nothing");
  }
  return inserted.id;
}

export async function updateSubprocessorDetails(db: Db, id: string, details: SubprocessorDetails, now: Date): Promise<void> {
  await db
    .update(subprocessors)
    .set({ name: details.name, activity: details.activity, website: details.website, updatedAt: now })
    .where(eq(subprocessors.id, id));
}

export async function setSubprocessorStatus(db: Db, id: string, status: Exclude<SubprocessorStatus, "proposed">, now: Date): Promise<void> {
  await db.update(subprocessors).set({ status, updatedAt: now }).where(eq(subprocessors.id, id));
}

export async function touchSubprocessor(db: Db, id: string, now: Date): Promise<void> {
  await db.update(subprocessors).set({ updatedAt: now }).where(eq(subprocessors.id, id));
}

/** Locks these sub-processor rows (FOR UPDATE) for the rest of the transaction. */
export async function lockSubprocessors(db: Db, ids: string[]): Promise<void> {
  await db.select({ id: subprocessors.id }).from(subprocessors).where(inArray(subprocessors.id, ids)).for("update");
}

/** Locks a sub-processor's row; returns the SHA-256 of the contract on file (null: none), or null when it does not exist. */
export async function lockContract(db: Db, id: string): Promise<{ sha256: string | null } | null> {
  const [row] = await db.select({ sha256: subprocessors.contractSha256 }).from(subprocessors).where(eq(subprocessors.id, id)).for("update");
  return row ?? null;
}

export async function storeContract(
  db: Db,
  id: string,
  file: { fileName: string; mediaType: string; sha256: string; bytes: Uint8Array },
  now: Date,
): Promise<void> {
  await db
    .update(subprocessors)
    .set({
      contractFileName: file.fileName,
      contractMediaType: file.mediaType,
      contractSha256: file.sha256,
      contractBytes: file.bytes,
      contractUploadedAt: now,
      updatedAt: now,
    })
    .where(eq(subprocessors.id, id));
}

/** Replaces a sub-processor's locations by these, in this order. */
export async function replaceLocations(db: Db, subprocessorId: string, locations: LocationRow[]): Promise<void> {
  await db.delete(subprocessorLocations).where(eq(subprocessorLocations.subprocessorId, subprocessorId));
  if (locations.length > 0) {
    await db
      .insert(subprocessorLocations)
      .values(locations.map((l, i) => ({ subprocessorId, country: l.country, city: l.city, mechanism: l.mechanism, sortOrder: i })));
  }
}

/** Makes these (and only these) services use the sub-processor. */
export async function replaceServiceLinks(db: Db, subprocessorId: string, serviceIds: string[]): Promise<void> {
  await db.delete(serviceSubprocessors).where(eq(serviceSubprocessors.subprocessorId, subprocessorId));
  const unique = [...new Set(serviceIds)];
  if (unique.length > 0) {
    await db.insert(serviceSubprocessors).values(unique.map((serviceId) => ({ serviceId, subprocessorId })));
  }
}
