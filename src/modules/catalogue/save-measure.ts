import { eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { measures } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";

export type MeasureInput = Omit<typeof measures.$inferInsert, "id" | "sortOrder">;

/** Creates or changes a technical or organisational measure of Annex 2 (art. 7.1). */
export async function saveMeasure(tx: Db, clock: Clock, actor: EventActor, id: string | null, input: MeasureInput): Promise<string> {
  const [clash] = await tx.select({ id: measures.id }).from(measures).where(eq(measures.code, input.code));
  if (clash && clash.id !== id) {
    throw conflict(`a measure with code "${input.code}" exists already`);
  }
  const [row] = id
    ? await tx.update(measures).set(input).where(eq(measures.id, id)).returning()
    : await tx
        .insert(measures)
        .values({ ...input, sortOrder: 1000 })
        .returning();
  if (!row) {
    throw notFound("measure");
  }
  await recordEvent(tx, clock, {
    type: id ? "measure.changed" : "measure.created",
    actor,
    controllerId: null,
    subject: { type: "measure", id: row.id },
    data: { code: row.code, titleEn: row.titleEn, status: row.status },
  });
  return row.id;
}
