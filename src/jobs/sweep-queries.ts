import { and, asc, eq, isNull, lt, lte, sql } from "drizzle-orm";
import type { Db } from "../db/engine.ts";
import { controllers, obligations, sessions } from "../db/schema/index.ts";

// The deadline sweep's statements (sweep.ts): each claims its rows with FOR UPDATE SKIP LOCKED.

/** Open obligations whose next reminder is due, with their customer's name, claimed. */
export async function claimDueReminders(tx: Db, now: Date, limit: number) {
  return tx
    .select({ obligation: obligations, customerName: controllers.name })
    .from(obligations)
    .leftJoin(controllers, eq(controllers.id, obligations.controllerId))
    .where(and(eq(obligations.status, "open"), lte(obligations.nextReminderAt, now)))
    .orderBy(asc(obligations.nextReminderAt))
    .limit(limit)
    .for("update", { of: obligations, skipLocked: true });
}

export async function setNextReminder(tx: Db, obligationId: string, nextReminderAt: Date | null) {
  await tx.update(obligations).set({ nextReminderAt }).where(eq(obligations.id, obligationId));
}

/** Open duties of the processor past their deadline not yet escalated, with their customer's name, claimed. */
export async function claimMissedDuties(tx: Db, now: Date, limit: number) {
  return tx
    .select({ obligation: obligations, customerName: controllers.name })
    .from(obligations)
    .leftJoin(controllers, eq(controllers.id, obligations.controllerId))
    .where(
      and(
        eq(obligations.status, "open"),
        eq(obligations.nature, "duty"),
        eq(obligations.party, "processor"),
        lt(obligations.dueAt, now),
        isNull(obligations.escalatedAt),
      ),
    )
    .orderBy(asc(obligations.dueAt))
    .limit(limit)
    .for("update", { of: obligations, skipLocked: true });
}

export async function markEscalated(tx: Db, obligationId: string, escalatedAt: Date) {
  await tx.update(obligations).set({ escalatedAt, nextReminderAt: null }).where(eq(obligations.id, obligationId));
}

/** Closes up to `limit` open windows whose end has passed (skipping locked ones); the ones closed. */
export async function lapseWindows(tx: Db, now: Date, limit: number) {
  return tx
    .update(obligations)
    .set({ status: "lapsed", closedAt: now, nextReminderAt: null })
    .where(
      sql`${obligations.id} in (select id from ${obligations} where ${obligations.status} = 'open' and ${obligations.nature} = 'window'
          and ${obligations.dueAt} < ${now.toISOString()}::timestamptz order by ${obligations.dueAt} limit ${limit} for update skip locked)`,
    )
    .returning({ id: obligations.id, controllerId: obligations.controllerId, kind: obligations.kind, dueAt: obligations.dueAt });
}

/** Removes the sessions that have expired; their ids. */
export async function deleteExpiredSessions(db: Db, now: Date) {
  return db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ sid: sessions.sid });
}
