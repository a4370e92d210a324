import type { Db } from "../../db/engine.ts";
import { findEndingOf, linesOf } from "./queries.ts";

/**
 * Where a customer's end stands, for the return of its data (the cases module's data_return kind):
 * null while its agreement runs; else the plan's due instant and whether the deletion has begun.
 */
export async function endingState(tx: Db, controllerId: string): Promise<{ endedAt: Date; planDueAt: Date; deletionBegun: boolean } | null> {
  const ending = await findEndingOf(tx, controllerId);
  if (!ending) {
    return null;
  }
  const lines = await linesOf(tx, ending.id);
  return { endedAt: ending.endedAt, planDueAt: ending.planDueAt, deletionBegun: lines.some((l) => l.confirmedAt !== null) };
}

/** The plan's lines of a customer's ended agreement, in order (none while it runs). */
export async function endingLines(tx: Db, controllerId: string) {
  const ending = await findEndingOf(tx, controllerId);
  return ending ? linesOf(tx, ending.id) : [];
}
