import { sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { contacts, controllerDomains, controllers, controllerServices } from "../../db/schema/index.ts";

// The customer import's statements: set-based, each on one batch of rows (the caller batches).

/** The codes of the service catalogue. */
export async function serviceCodes(db: Db) {
  return rows<{ code: string }>(db, sql`select code from services`);
}

/** The catalogue's services, id and code. */
export async function serviceIdsAndCodes(tx: Db) {
  return rows<{ id: string; code: string }>(tx, sql`select id, code from services`);
}

/** The customers that exist with these customer numbers. */
export async function controllersByNumber(tx: Db, customerNumbers: string[]) {
  return rows<{ id: string; customer_number: string }>(
    tx,
    sql`select id, customer_number from controllers where customer_number = any(${sql.param(customerNumbers)}::text[])`,
  );
}

/** Creates the customers, or updates their details if their customer number exists; their ids. */
export async function upsertControllers(tx: Db, values: (typeof controllers.$inferInsert)[]) {
  return tx
    .insert(controllers)
    .values(values)
    .onConflictDoUpdate({
      target: controllers.customerNumber,
      set: {
        name: sql`excluded.name`,
        kvk: sql`excluded.kvk`,
        address: sql`excluded.address`,
        postalCode: sql`excluded.postal_code`,
        city: sql`excluded.city`,
        country: sql`excluded.country`,
        locale: sql`excluded.locale`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .returning({ id: controllers.id, customerNumber: controllers.customerNumber });
}

/** Removes the services these customers take. */
export async function deleteServicesOf(tx: Db, controllerIds: string[]) {
  await tx.execute(sql`delete from controller_services where controller_id = any(${sql.param(controllerIds)}::uuid[])`);
}

export async function insertControllerServices(tx: Db, rows: (typeof controllerServices.$inferInsert)[]) {
  await tx.insert(controllerServices).values(rows);
}

/** Writes the customers' privacy contacts, replacing the ones they had. */
export async function upsertContacts(tx: Db, rows: (typeof contacts.$inferInsert)[]) {
  await tx
    .insert(contacts)
    .values(rows)
    .onConflictDoUpdate({
      target: contacts.controllerId,
      set: {
        role: sql`excluded.role`,
        name: sql`excluded.name`,
        email: sql`excluded.email`,
        phone: sql`excluded.phone`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/** The domain names these customers have (art. 8.1). */
export async function domainsOf(tx: Db, controllerIds: string[]) {
  return rows<{ controller_id: string; domain: string }>(
    tx,
    sql`select controller_id, domain from controller_domains where controller_id = any(${sql.param(controllerIds)}::uuid[])`,
  );
}

/** Removes these customers' domain names. */
export async function deleteDomainsOf(tx: Db, controllerIds: string[]) {
  await tx.execute(sql`delete from controller_domains where controller_id = any(${sql.param(controllerIds)}::uuid[])`);
}

export async function insertControllerDomains(tx: Db, values: (typeof controllerDomains.$inferInsert)[]) {
  await tx.insert(controllerDomains).values(values);
}
