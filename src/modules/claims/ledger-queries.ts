// The fee ledger's statements (art. 11.1): billing's monthly fees per customer, and the monthly
// fees Art28 holds for the services a customer takes (the fallback).
import { asc, eq, sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { controllers, controllerServices, feeLedger, services } from "../../db/schema/index.ts";

export type LedgerRow = typeof feeLedger.$inferSelect;

/** The customers with these customer numbers (id by number). */
export async function customersByNumber(tx: Db, numbers: string[]) {
  return rows<{ id: string; customer_number: string }>(
    tx,
    sql`select id, customer_number from controllers where customer_number = any(${sql.param(numbers)}::text[])`,
  );
}

/** Writes one batch of months; a month already in the ledger for that customer is replaced. */
export async function upsertLedgerRows(tx: Db, values: (typeof feeLedger.$inferInsert)[]) {
  await tx
    .insert(feeLedger)
    .values(values)
    .onConflictDoUpdate({
      target: [feeLedger.controllerId, feeLedger.month],
      set: {
        amountCents: sql`excluded.amount_cents`,
        description: sql`excluded.description`,
        importId: sql`excluded.import_id`,
        importedAt: sql`excluded.imported_at`,
        importedBy: sql`excluded.imported_by`,
      },
    });
}

/** A customer's ledger, oldest month first. */
export async function ledgerOf(tx: Db, controllerId: string): Promise<LedgerRow[]> {
  return tx.select().from(feeLedger).where(eq(feeLedger.controllerId, controllerId)).orderBy(asc(feeLedger.month));
}

/** The monthly fees Art28 holds for the services a customer takes, with the service's name. */
export async function heldFeesOf(tx: Db, controllerId: string) {
  return tx
    .select({ nameNl: services.nameNl, nameEn: services.nameEn, monthlyFeeCents: controllerServices.monthlyFeeCents, since: controllerServices.since })
    .from(controllerServices)
    .innerJoin(services, eq(services.id, controllerServices.serviceId))
    .where(eq(controllerServices.controllerId, controllerId))
    .orderBy(asc(services.code));
}

export async function customerName(tx: Db, controllerId: string): Promise<string | null> {
  const [row] = await tx.select({ name: controllers.name }).from(controllers).where(eq(controllers.id, controllerId));
  return row?.name ?? null;
}
