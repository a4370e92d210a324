import type { Db } from "../../db/engine.ts";
import type { measures } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { findMeasureByCode, insertMeasure, updateMeasure } from "./queries.ts";
import { catalogueWords } from "./words.ts";

export type MeasureInput = Omit<typeof measures.$inferInsert, "id" | "sortOrder">;

/** Creates or changes a technical or organisational measure of Annex 2 (art. 7.1). */
export async function saveMeasure(tx: Db, clock: Clock, actor: EventActor, id: string | null, input: MeasureInput): Promise<string> {
  const clash = await findMeasureByCode(tx, input.code);
  if (clash && clash.id !== id) {
    throw conflict(`a measure with code "${input.code}" exists already`);
  }
  const row = id ? await updateMeasure(tx, id, input) : await insertMeasure(tx, { ...input, sortOrder: 1000 });
  if (!row) {
    throw notFound(catalogueWords.noun.measure);
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
