import { eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { processor } from "../../db/schema/index.ts";

export type ProcessorRow = typeof processor.$inferSelect;

/** Saves the processor's details and policies (there is one processor: id 1). */
export async function saveProcessor(db: Db, changes: Partial<Omit<ProcessorRow, "id">>): Promise<void> {
  await db.update(processor).set(changes).where(eq(processor.id, 1));
}

export async function findProcessor(db: Db): Promise<ProcessorRow> {
  const [row] = await db.select().from(processor).where(eq(processor.id, 1));
  if (!row) {
    throw new Error("the processor is not set up; run `art28 serve` once to create it");
  }
  return row;
}
