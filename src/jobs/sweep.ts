import type { Db } from "../db/engine.ts";
import { inScope } from "../db/scope.ts";
import type { Clock } from "../domain/clock.ts";
import { recordEvents, SYSTEM_ACTOR } from "../modules/evidence/record-events.ts";
import { queueStaffNotice } from "../modules/notices/queue-notices.ts";
import { claimDueReminders, claimMissedDuties, deleteExpiredSessions, lapseWindows, markEscalated, setNextReminder } from "./sweep-queries.ts";

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

/**
 * One sweep. `stopping` (a process asked to stop) ends it between two transactions: what was
 * committed stays done, and the next sweep, in this or another worker, does the rest.
 */
export async function runSweep(db: Db, clock: Clock, tasks: Record<string, SweepTask> = {}, stopping: () => boolean = () => false): Promise<SweepResult> {
  const result: SweepResult = { reminded: 0, escalated: 0, windowsClosed: 0, sessionsRemoved: 0, other: {} };
  result.reminded = await repeat(() => inScope(db, { kind: "processor" }, (tx) => sendReminders(tx, clock)), stopping);
  result.escalated = await repeat(() => inScope(db, { kind: "processor" }, (tx) => escalateMissed(tx, clock)), stopping);
  result.windowsClosed = await repeat(() => inScope(db, { kind: "processor" }, (tx) => closeWindows(tx, clock)), stopping);
  for (const [name, task] of Object.entries(tasks)) {
    if (stopping()) {
      return result;
    }
    result.other[name] = await inScope(db, { kind: "processor" }, (tx) => task(tx, clock));
  }
  if (stopping()) {
    return result;
  }
  const removed = await deleteExpiredSessions(db, clock.now());
  result.sessionsRemoved = removed.length;
  return result;
}

/** Runs a batch step until it finds nothing more to do (bounded, in case of a bug) or the process stops. */
async function repeat(step: () => Promise<number>, stopping: () => boolean): Promise<number> {
  let total = 0;
  for (let round = 0; round < 1000 && !stopping(); round++) {
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
  const due = await claimDueReminders(tx, now, BATCH);
  for (const { obligation } of due) {
    const next = obligation.reminders.map((r) => new Date(r)).find((at) => at.getTime() > now.getTime()) ?? null;
    await setNextReminder(tx, obligation.id, next);
    // A customer's own duty (party controller) is reminded by the module that opened it, not to staff.
    if (obligation.nature === "duty" && obligation.party === "processor") {
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
        notified: obligation.nature === "duty" && obligation.party === "processor" ? obligation.responsibleRoles : [],
      },
    })),
  );
  return due.length;
}

/**
 * A processor's duty whose deadline passed unmet: evidence that it was missed, and an escalation to its
 * staff and the administrator. A customer's own duty (party controller, e.g. confirming its privacy
 * contact, art. 4.4) is not escalated to staff: it stays open and overdue in the customer's deadlines,
 * and the module that opened it acts on it (contacts: marked stale, owners told).
 */
async function escalateMissed(tx: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const missed = await claimMissedDuties(tx, now, BATCH);
  for (const { obligation, customerName } of missed) {
    await markEscalated(tx, obligation.id, now);
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
  const closed = await lapseWindows(tx, now, BATCH);
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
