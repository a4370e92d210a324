import { and, asc, eq, isNull, lt, lte, sql } from "drizzle-orm";
import type { Db } from "../db/engine.ts";
import { inScope } from "../db/scope.ts";
import { controllers, obligations, sessions } from "../db/schema/index.ts";
import type { Clock } from "../domain/clock.ts";
import { recordEvents, SYSTEM_ACTOR } from "../modules/evidence/record-events.ts";
import { queueStaffNotice } from "../modules/notices/queue-notices.ts";

// The deadline sweep: runs every minute in every worker (and in the embedded server). Each step
// claims its rows with FOR UPDATE SKIP LOCKED, so two sweeps running at once never do a step twice,
// and each batch commits with its evidence.

const BATCH = 200;

export interface SweepResult {
  reminded: number;
  escalated: number;
  windowsClosed: number;
  sessionsRemoved: number;
  other: Record<string, number>;
}

/** Extra due work other modules hand to the sweep (e.g. applying sub-processor changes whose date has come). */
export type SweepTask = (tx: Db, clock: Clock) => Promise<number>;

export async function runSweep(db: Db, clock: Clock, tasks: Record<string, SweepTask> = {}): Promise<SweepResult> {
  const result: SweepResult = { reminded: 0, escalated: 0, windowsClosed: 0, sessionsRemoved: 0, other: {} };
  result.reminded = await repeat(() => inScope(db, { kind: "processor" }, (tx) => sendReminders(tx, clock)));
  result.escalated = await repeat(() => inScope(db, { kind: "processor" }, (tx) => escalateMissed(tx, clock)));
  result.windowsClosed = await repeat(() => inScope(db, { kind: "processor" }, (tx) => closeWindows(tx, clock)));
  for (const [name, task] of Object.entries(tasks)) {
    result.other[name] = await inScope(db, { kind: "processor" }, (tx) => task(tx, clock));
  }
  const removed = await db.delete(sessions).where(lt(sessions.expiresAt, clock.now())).returning({ sid: sessions.sid });
  result.sessionsRemoved = removed.length;
  return result;
}

/** Runs a batch step until it finds nothing more to do (bounded, in case of a bug). */
async function repeat(step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let round = 0; round < 1000; round++) {
    const done = await step();
    total += done;
    if (done < BATCH) {
      break;
    }
  }
  return total;
}

/**
 * Reminders before a duty's deadline (at 50 %, 80 % and, for hour clocks, 2 h before) go to the
 * staff who answer for it. A customer's window (e.g. to object) has no reminders: the notice that
 * opened it says when it closes.
 */
async function sendReminders(tx: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const due = await tx
    .select({ obligation: obligations, customerName: controllers.name })
    .from(obligations)
    .leftJoin(controllers, eq(controllers.id, obligations.controllerId))
    .where(and(eq(obligations.status, "open"), lte(obligations.nextReminderAt, now)))
    .orderBy(asc(obligations.nextReminderAt))
    .limit(BATCH)
    .for("update", { of: obligations, skipLocked: true });
  for (const { obligation } of due) {
    const next = obligation.reminders.map((r) => new Date(r)).find((at) => at.getTime() > now.getTime()) ?? null;
    await tx.update(obligations).set({ nextReminderAt: next }).where(eq(obligations.id, obligation.id));
    if (obligation.nature === "duty") {
      await queueStaffNotice(tx, clock, SYSTEM_ACTOR, {
        controllerId: obligation.controllerId,
        roles: obligation.responsibleRoles,
        data: { kind: "obligation_reminder", obligationId: obligation.id, title: obligation.title, dueAt: obligation.dueAt.toISOString() },
        subject: { type: "obligation", id: obligation.id },
      });
    }
  }
  await recordEvents(
    tx,
    clock,
    due.map(({ obligation }) => ({
      type: "obligation.reminded",
      actor: SYSTEM_ACTOR,
      controllerId: obligation.controllerId,
      subject: { type: "obligation", id: obligation.id },
      data: {
        kind: obligation.kind,
        dueAt: obligation.dueAt.toISOString(),
        at: now.toISOString(),
        notified: obligation.nature === "duty" ? obligation.responsibleRoles : [],
      },
    })),
  );
  return due.length;
}

/** A duty whose deadline passed unmet: evidence that it was missed, and an escalation to its staff and the administrator. */
async function escalateMissed(tx: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const missed = await tx
    .select({ obligation: obligations, customerName: controllers.name })
    .from(obligations)
    .leftJoin(controllers, eq(controllers.id, obligations.controllerId))
    .where(and(eq(obligations.status, "open"), eq(obligations.nature, "duty"), lt(obligations.dueAt, now), isNull(obligations.escalatedAt)))
    .orderBy(asc(obligations.dueAt))
    .limit(BATCH)
    .for("update", { of: obligations, skipLocked: true });
  for (const { obligation, customerName } of missed) {
    await tx.update(obligations).set({ escalatedAt: now, nextReminderAt: null }).where(eq(obligations.id, obligation.id));
    await queueStaffNotice(tx, clock, SYSTEM_ACTOR, {
      controllerId: obligation.controllerId,
      roles: [...new Set([...obligation.responsibleRoles, "admin" as const])],
      data: { kind: "obligation_escalated", obligationId: obligation.id, title: obligation.title, dueAt: obligation.dueAt.toISOString(), customerName },
      subject: { type: "obligation", id: obligation.id },
    });
  }
  await recordEvents(
    tx,
    clock,
    missed.map(({ obligation }) => ({
      type: "obligation.missed",
      actor: SYSTEM_ACTOR,
      controllerId: obligation.controllerId,
      subject: { type: "obligation", id: obligation.id },
      data: { kind: obligation.kind, article: obligation.article, dueAt: obligation.dueAt.toISOString(), escalatedAt: now.toISOString() },
    })),
  );
  return missed.length;
}

/** A customer's window (e.g. to object, art. 5.2) that passed unused closes: evidence of when. */
async function closeWindows(tx: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const closed = await tx
    .update(obligations)
    .set({ status: "lapsed", closedAt: now, nextReminderAt: null })
    .where(
      sql`${obligations.id} in (select id from ${obligations} where ${obligations.status} = 'open' and ${obligations.nature} = 'window'
          and ${obligations.dueAt} < ${now.toISOString()}::timestamptz order by ${obligations.dueAt} limit ${BATCH} for update skip locked)`,
    )
    .returning({ id: obligations.id, controllerId: obligations.controllerId, kind: obligations.kind, dueAt: obligations.dueAt });
  await recordEvents(
    tx,
    clock,
    closed.map((row) => ({
      type: "obligation.window_closed",
      actor: SYSTEM_ACTOR,
      controllerId: row.controllerId,
      subject: { type: "obligation", id: row.id },
      data: { kind: row.kind, dueAt: row.dueAt.toISOString() },
    })),
  );
  return closed.length;
}
