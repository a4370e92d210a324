import { eq, inArray, sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import {
  measures,
  processor,
  serviceSubprocessors,
  services,
  serviceTerms,
  subprocessorLocations,
  subprocessors,
  supportAssignments,
  terms,
  users,
} from "../../db/schema/index.ts";

// The statements of the first run (install.ts) and of the demo data (demo.ts).

/**
 * Makes first runs take turns (a transaction-scoped advisory lock): web processes started at once on
 * an empty database would each install. The one that waited then finds the processor.
 */
export async function lockInstallation(tx: Db) {
  await tx.execute(sql`select pg_advisory_xact_lock(28280002)`);
}

/** Whether the processor exists, that is whether Art28 is installed. */
export async function findProcessorId(tx: Db) {
  const [existing] = await tx.select({ id: processor.id }).from(processor);
  return existing ?? null;
}

export async function insertProcessor(tx: Db, row: typeof processor.$inferInsert) {
  await tx.insert(processor).values(row);
}

export async function insertTerms(tx: Db, rows: (typeof terms.$inferInsert)[]) {
  return tx.insert(terms).values(rows).returning();
}

export async function insertServices(tx: Db, rows: (typeof services.$inferInsert)[]) {
  return tx.insert(services).values(rows).returning();
}

export async function insertServiceTerms(tx: Db, rows: (typeof serviceTerms.$inferInsert)[]) {
  await tx.insert(serviceTerms).values(rows);
}

export async function insertMeasures(tx: Db, rows: (typeof measures.$inferInsert)[]) {
  await tx.insert(measures).values(rows);
}

export async function findUserIdByEmail(tx: Db, email: string) {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row ?? null;
}

/** Every staff user, for the demo's confidentiality confirmations and accesses. */
export async function listStaffUsers(tx: Db) {
  return tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, staffRole: users.staffRole })
    .from(users)
    .where(eq(users.kind, "staff"));
}

export async function insertUsers(tx: Db, rows: (typeof users.$inferInsert)[]) {
  await tx.insert(users).values(rows);
}

export async function insertSubprocessors(tx: Db, rows: (typeof subprocessors.$inferInsert)[]) {
  return tx.insert(subprocessors).values(rows).returning({ id: subprocessors.id, name: subprocessors.name });
}

export async function insertSubprocessorLocations(tx: Db, rows: (typeof subprocessorLocations.$inferInsert)[]) {
  await tx.insert(subprocessorLocations).values(rows);
}

export async function servicesByCode(tx: Db, codes: string[]) {
  return tx.select({ id: services.id, code: services.code }).from(services).where(inArray(services.code, codes));
}

export async function findServiceIdByCode(tx: Db, code: string) {
  const [row] = await tx.select({ id: services.id }).from(services).where(eq(services.code, code));
  return row ?? null;
}

export async function insertServiceSubprocessors(tx: Db, rows: (typeof serviceSubprocessors.$inferInsert)[]) {
  await tx.insert(serviceSubprocessors).values(rows);
}

export async function insertSupportAssignments(tx: Db, rows: (typeof supportAssignments.$inferInsert)[]) {
  await tx.insert(supportAssignments).values(rows);
}

/** Every agreement with its customer's owner, by customer number. */
export async function agreementsWithOwners(tx: Db) {
  return rows<{ id: string; controller_id: string; owner: string }>(
    tx,
    sql`select a.id, a.controller_id, u.id as owner from agreements a join controllers c on c.id = a.controller_id
        join users u on u.controller_id = c.id and u.customer_role = 'owner' order by c.customer_number`,
  );
}

/** When each of these customers last confirmed its privacy contact (art. 4.4), as its records say; the next request is scheduled anew. */
export async function setContactsConfirmedAt(tx: Db, rows: { controllerId: string; at: Date }[]) {
  if (rows.length === 0) {
    return;
  }
  await tx.execute(sql`update contacts k set confirmed_at = v.at, confirmation_due_at = null
    from unnest(${sql.param(rows.map((r) => r.controllerId))}::uuid[], ${sql.param(rows.map((r) => r.at.toISOString()))}::timestamptz[]) as v(controller_id, at)
   where k.controller_id = v.controller_id`);
}
