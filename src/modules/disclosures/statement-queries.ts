// A customer's statements that it must disclose the processor's confidential information (art. 9.2,
// "een Partij"): the customer's own rows (tenant row-level security); staff see all.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { controllers, disclosureStatements } from "../../db/schema/index.ts";

export type StatementRow = typeof disclosureStatements.$inferSelect;

export async function insertStatement(tx: Db, row: typeof disclosureStatements.$inferInsert): Promise<StatementRow> {
  const [saved] = await tx.insert(disclosureStatements).values(row).returning();
  if (!saved) {
    throw new Error("statement insert returned nothing");
  }
  return saved;
}

/** One customer's statements, or (null) every customer's, newest first, with the customer's name. */
export async function listStatements(tx: Db, controllerId: string | null) {
  const query = tx
    .select({ statement: disclosureStatements, customerName: controllers.name, customerNumber: controllers.customerNumber })
    .from(disclosureStatements)
    .innerJoin(controllers, eq(controllers.id, disclosureStatements.controllerId))
    .orderBy(desc(disclosureStatements.createdAt));
  return controllerId ? query.where(eq(disclosureStatements.controllerId, controllerId)) : query;
}

export async function customerNameOf(tx: Db, controllerId: string): Promise<string> {
  const [row] = await tx.select({ name: controllers.name }).from(controllers).where(eq(controllers.id, controllerId));
  return row?.name ?? "";
}
