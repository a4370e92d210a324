import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { insertMany } from "../../db/insert-many.ts";
import { contacts, controllers, deliveries, notices, processor, users, webhookEndpoints, type StaffRole } from "../../db/schema/index.ts";

// The statements of the transactional outbox's writing side (queue-notices.ts).

export async function customerLocales(tx: Db, controllerIds: string[]) {
  return tx.select({ id: controllers.id, locale: controllers.locale }).from(controllers).where(inArray(controllers.id, controllerIds));
}

/** The customers' privacy contacts (art. 4.4). */
export async function privacyContactsOf(tx: Db, controllerIds: string[]) {
  return tx
    .select({ controllerId: contacts.controllerId, name: contacts.name, email: contacts.email })
    .from(contacts)
    .where(inArray(contacts.controllerId, controllerIds));
}

/** The customers' owners that are not disabled. */
export async function activeOwnersOf(tx: Db, controllerIds: string[]) {
  return tx
    .select({ controllerId: users.controllerId, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(and(inArray(users.controllerId, controllerIds), eq(users.customerRole, "owner"), isNull(users.disabledAt)));
}

/** The customers' webhook endpoints that are not disabled. */
export async function activeEndpointsOf(tx: Db, controllerIds: string[]) {
  return tx
    .select({ id: webhookEndpoints.id, controllerId: webhookEndpoints.controllerId, url: webhookEndpoints.url })
    .from(webhookEndpoints)
    .where(and(inArray(webhookEndpoints.controllerId, controllerIds), isNull(webhookEndpoints.disabledAt)));
}

/** The processor's staff users in these roles that are not disabled. */
export async function activeStaffIn(tx: Db, roles: StaffRole[]) {
  return tx
    .select({ name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.kind, "staff"), inArray(users.staffRole, roles), isNull(users.disabledAt)));
}

/** Many notices, a bounded number of rows per statement. */
export async function insertNoticeRows(tx: Db, rows: (typeof notices.$inferInsert)[]) {
  await insertMany(tx, notices, rows);
}

/** Many deliveries, a bounded number of rows per statement (every row with the same columns). */
export async function insertDeliveryRows(tx: Db, rows: (typeof deliveries.$inferInsert)[]) {
  await insertMany(tx, deliveries, rows);
}

export async function insertNotice(tx: Db, notice: typeof notices.$inferInsert) {
  await tx.insert(notices).values(notice);
}

/** A few deliveries in one statement (none: no statement). */
export async function insertDeliveries(tx: Db, rows: (typeof deliveries.$inferInsert)[]) {
  if (rows.length > 0) {
    await tx.insert(deliveries).values(rows);
  }
}

/** The processor's name, privacy e-mail address and time zone, as notices name them. */
export async function findProcessorContact(db: Db) {
  const [row] = await db.select({ name: processor.name, email: processor.privacyEmail, zone: processor.timeZone }).from(processor);
  return row ?? null;
}
