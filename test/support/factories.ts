import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../../src/db/engine.ts";
import { inScope } from "../../src/db/scope.ts";
import { users, type CustomerRole, type StaffRole } from "../../src/db/schema/index.ts";
import { systemClock, type Clock } from "../../src/domain/clock.ts";
import { confirmConfidentiality } from "./confidentiality.ts";
import { SYSTEM_ACTOR } from "../../src/modules/evidence/record-events.ts";
import { hashPassword } from "../../src/modules/auth/passwords.ts";
import { createController } from "../../src/modules/controllers/create-controller.ts";
import { setControllerServices } from "../../src/modules/controllers/set-services.ts";
import { updateContact } from "../../src/modules/controllers/update-contact.ts";
import { PASSWORD } from "./app.ts";

export { confirmConfidentiality } from "./confidentiality.ts";

let passwordHash: Promise<string> | undefined;
const hash = () => (passwordHash ??= hashPassword(PASSWORD));

/**
 * A staff user who confirmed the current confidentiality statement (art. 2.3, 9.1), as staff must
 * before they see any customer's data; `confirmed: false` for one who has not.
 */
export async function createStaff(
  db: Db,
  role: StaffRole,
  email = `${role}-${randomUUID().slice(0, 8)}@test.example`,
  options: { confirmed?: boolean; clock?: Clock } = {},
) {
  const [row] = await db
    .insert(users)
    .values({ email, name: `Staff ${role}`, passwordHash: await hash(), kind: "staff", staffRole: role })
    .returning();
  if (!row) {
    throw new Error("staff insert failed");
  }
  if (options.confirmed !== false) {
    await confirmConfidentiality(db, options.clock ?? systemClock, row);
  }
  return row;
}

export async function createCustomerUser(db: Db, controllerId: string, role: CustomerRole) {
  const email = `${role}-${randomUUID().slice(0, 8)}@customer.example`;
  const [row] = await db
    .insert(users)
    .values({ email, name: `Customer ${role}`, passwordHash: await hash(), kind: "customer", controllerId, customerRole: role })
    .returning();
  if (!row) {
    throw new Error("customer user insert failed");
  }
  return row;
}

/** A customer with services, a privacy contact, and an owner and a viewer user. */
export async function createCustomer(db: Db, clock: Clock, options: { name?: string; services?: string[]; locale?: "nl" | "en" } = {}) {
  const suffix = randomUUID().slice(0, 8);
  const name = options.name ?? `Klant ${suffix}`;
  const controllerId = await inScope(db, { kind: "processor" }, async (tx) => {
    const id = await createController(tx, clock, SYSTEM_ACTOR, {
      customerNumber: `T-${suffix}`,
      name,
      kvk: "12345678",
      address: "Hoofdstraat 1",
      postalCode: "9711 AA",
      city: "Groningen",
      country: "NL",
      locale: options.locale ?? "nl",
    });
    await setControllerServices(
      tx,
      clock,
      SYSTEM_ACTOR,
      id,
      (options.services ?? ["web-hosting", "email"]).map((code) => ({ code, monthlyFeeCents: 995 })),
      "test",
    );
    await updateContact(tx, clock, SYSTEM_ACTOR, id, { role: "dpo", name: "Dirk Pieters", email: `dpo-${suffix}@customer.example`, phone: "+31 50 1234567" });
    return id;
  });
  const owner = await createCustomerUser(db, controllerId, "owner");
  const viewer = await createCustomerUser(db, controllerId, "viewer");
  return { controllerId, name, owner, viewer };
}

/**
 * `count` bare customers in one statement, for the lists' paging tests: numbered `${prefix}00001`
 * on, named `${name} ${n % groups}` (so a search finds a group of them); no services, contacts or
 * users: a test adds the rows its list needs by customer number.
 */
export async function insertCustomers(db: Db, options: { prefix: string; count: number; name: string; groups: number }): Promise<void> {
  await db.execute(
    sql`insert into controllers (customer_number, name)
        select ${options.prefix}::text || lpad(g::text, 5, '0'), ${options.name}::text || ' ' || (g % ${options.groups}::int)
          from generate_series(1, ${options.count}::int) g`,
  );
}
