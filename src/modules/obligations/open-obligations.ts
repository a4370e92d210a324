import type { Db } from "../../db/engine.ts";
import { batches, ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { ObligationStatus, StaffRole } from "../../db/schema/index.ts";
import type { LocalizedText } from "../../domain/text.ts";
import type { Clock } from "../../domain/clock.ts";
import { dueAt, metInTime, reminderInstants, type Clock as LegalClock } from "../../domain/legal-time.ts";
import { recordEvents, type EventActor } from "../evidence/index.ts";
import { countOpenObligations, insertObligations, markObligationsCancelled, markObligationsLapsed, markObligationsMet } from "./queries.ts";

// Obligations: every clause with a clock opens one per customer, with its due instant from the
// legal-time module and the clock of the agreement version that customer signed.

export interface ObligationInput {
  controllerId: string | null;
  kind: string;
  nature: "duty" | "window";
  party: "processor" | "controller";
  responsibleRoles: StaffRole[];
  title: LocalizedText;
  subject: { type: string; id: string };
  /** e.g. "5.2" */
  article: string;
  clock: LegalClock;
  /** The template version the clock comes from (null for a processor-wide rule). */
  templateVersion: number | null;
  zone: string;
  triggerAt: Date;
  /** Its reminders, when not the engine's (50 % and 80 %): e.g. none for a customer's duty its module reminds itself. */
  reminders?: Date[];
}

/** Opens obligations and records each as evidence ("obligation.opened"). Returns rows in input order. */
export async function openObligations(tx: Db, clock: Clock, actor: EventActor, inputs: ObligationInput[]) {
  const rows = inputs.map((input) => {
    const due = dueAt(input.triggerAt, input.clock, input.zone);
    const reminders = input.reminders ?? reminderInstants(input.triggerAt, due, input.clock.unit);
    return {
      id: crypto.randomUUID(),
      controllerId: input.controllerId,
      kind: input.kind,
      nature: input.nature,
      party: input.party,
      responsibleRoles: input.responsibleRoles,
      title: input.title,
      subjectType: input.subject.type,
      subjectId: input.subject.id,
      article: input.article,
      clockUnit: input.clock.unit,
      clockAmount: input.clock.amount,
      templateVersion: input.templateVersion,
      zone: input.zone,
      triggerAt: input.triggerAt,
      dueAt: due,
      reminders: reminders.map((at) => at.toISOString()),
      nextReminderAt: reminders[0] ?? null,
      status: "open" as ObligationStatus,
      createdAt: clock.now(),
    };
  });
  await insertObligations(tx, rows);
  await recordEvents(
    tx,
    clock,
    rows.map((row) => ({
      type: "obligation.opened",
      actor,
      controllerId: row.controllerId,
      subject: { type: "obligation", id: row.id },
      data: {
        kind: row.kind,
        article: row.article,
        party: row.party,
        about: { type: row.subjectType, id: row.subjectId },
        clock: { unit: row.clockUnit, amount: row.clockAmount, templateVersion: row.templateVersion },
        triggerAt: row.triggerAt.toISOString(),
        dueAt: row.dueAt.toISOString(),
      },
    })),
  );
  return rows;
}

/**
 * Marks open obligations of a subject as met (a duty done, or a window used: an objection made).
 * Records whether each was met in time; the due instant itself is in time.
 */
export async function meetObligations(tx: Db, clock: Clock, actor: EventActor, ids: string[]) {
  const now = clock.now();
  const met: { id: string; controllerId: string | null; kind: string; dueAt: Date; metInTime: boolean | null }[] = [];
  // Set-based: a breach notice to ten thousand customers meets ten thousand duties in a few statements.
  for (const chunk of batches(ids)) {
    met.push(...(await markObligationsMet(tx, chunk, now)));
  }
  await recordEvents(
    tx,
    clock,
    met.map((row) => ({
      type: "obligation.met",
      actor,
      controllerId: row.controllerId,
      subject: { type: "obligation", id: row.id },
      data: { kind: row.kind, dueAt: row.dueAt.toISOString(), metAt: now.toISOString(), inTime: metInTime(row.dueAt, now) },
    })),
  );
  return met;
}

/**
 * Marks open obligations as missed and closes them (status lapsed): a customer's own duty whose time
 * passed and that its module acted on (a privacy contact not confirmed in time is marked stale), so it
 * does not stay open and overdue in every list. Evidence: obligation.missed, not escalated.
 */
export async function lapseObligations(tx: Db, clock: Clock, actor: EventActor, ids: string[]) {
  const now = clock.now();
  const lapsed: Awaited<ReturnType<typeof markObligationsLapsed>> = [];
  for (const chunk of batches(ids)) {
    lapsed.push(...(await markObligationsLapsed(tx, chunk, now)));
  }
  await recordEvents(
    tx,
    clock,
    lapsed.map((row) => ({
      type: "obligation.missed",
      actor,
      controllerId: row.controllerId,
      subject: { type: "obligation", id: row.id },
      data: { kind: row.kind, article: row.article, dueAt: row.dueAt.toISOString(), lapsedAt: now.toISOString(), escalated: false },
    })),
  );
  return lapsed;
}

/**
 * Cancels the open obligations of a subject (e.g. a change withdrawn): they no longer run. A page
 * at a time (by customer), each page's evidence written before the next: any number in bounded
 * memory. Returns how many it cancelled.
 */
export async function cancelObligations(
  tx: Db,
  clock: Clock,
  actor: EventActor,
  subject: { type: string; id: string },
  reason: string,
  onlyControllerIds?: string[],
): Promise<number> {
  const now = clock.now();
  let count = 0;
  for (let pages = Math.ceil((await countOpenObligations(tx, subject)) / ROWS_PER_STATEMENT) + 1; pages > 0; pages -= 1) {
    const cancelled = await markObligationsCancelled(tx, subject, now, onlyControllerIds, ROWS_PER_STATEMENT);
    await recordEvents(
      tx,
      clock,
      cancelled.map((row) => ({
        type: "obligation.cancelled",
        actor,
        controllerId: row.controllerId,
        subject: { type: "obligation", id: row.id },
        data: { kind: row.kind, reason },
      })),
    );
    count += cancelled.length;
    if (cancelled.length < ROWS_PER_STATEMENT) {
      break;
    }
  }
  return count;
}
