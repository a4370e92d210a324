import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { recordEvents, SYSTEM_ACTOR } from "../evidence/index.ts";
import { loadProcessorContext, queueCustomerNotices } from "../notices/index.ts";
import { lapseObligations, openObligations } from "../obligations/index.ts";
import { confirmationParameters, nextRequestAt, reminderAt } from "./confirmation-schedule.ts";
import {
  claimDueReminders,
  claimDueRequests,
  claimStale,
  lockUnscheduled,
  openConfirmationObligations,
  parametersOf,
  setCycle,
  setRequestDue,
  type ClaimedContact,
} from "./queries.ts";
import { contactWords } from "./words.ts";

// art. 4.4, the yearly confirmation of the privacy contact, as a sweep task (src/modules.ts): each
// step claims its contacts in the statement that marks them (asked, reminded, stale), so each happens
// once per cycle whatever number of sweeps run; the notices, the customer's duty and the evidence are
// written in the same transaction.

const BATCH = 200;
const SCHEDULE_BATCH = 1000;
/**
 * Bounded work per sweep (every minute), in the sweep task's one transaction: what is left waits for the
 * next one. Measured: asking costs about 2.3 ms a customer (notice, deliveries, duty, evidence) on either
 * engine, so 5 rounds of 200 keep a sweep near 2 s (the embedded engine has one connection); scheduling is
 * two statements per 1,000.
 */
const SCHEDULE_ROUNDS = 20;
const ACT_ROUNDS = 5;

export const CONFIRMATION_OBLIGATION_KIND = "contact_confirmation";

/** The sweep task: schedules new contacts' first request, then asks, reminds and marks stale what is due; the number of customers acted on. */
export async function sweepContactConfirmations(tx: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const { zone } = await loadProcessorContext(tx);
  for (let round = 0; round < SCHEDULE_ROUNDS; round++) {
    if ((await scheduleRequests(tx, zone)) < SCHEDULE_BATCH) {
      break;
    }
  }
  let acted = 0;
  for (const step of [askDue, remindDue, markStale]) {
    for (let round = 0; round < ACT_ROUNDS; round++) {
      const done = await step(tx, clock, now, zone);
      acted += done;
      if (done < BATCH) {
        break;
      }
    }
  }
  return acted;
}

/** Contacts without a next request (new, imported, or older than this feature): the months after their last confirmation. */
async function scheduleRequests(tx: Db, zone: string): Promise<number> {
  const found = await lockUnscheduled(tx, SCHEDULE_BATCH);
  const params = await parametersOf(
    tx,
    found.map((c) => c.controllerId),
  );
  await setRequestDue(
    tx,
    found.map((c) => ({ id: c.id, at: nextRequestAt(c.lastConfirmedAt, confirmationParameters(params.get(c.controllerId)?.reminders).months, zone) })),
  );
  return found.length;
}

async function askDue(tx: Db, clock: Clock, now: Date, zone: string): Promise<number> {
  const asked = await claimDueRequests(tx, now, BATCH);
  if (asked.length === 0) {
    return 0;
  }
  const params = await parametersOf(
    tx,
    asked.map((c) => c.controllerId),
  );
  const of = (c: ClaimedContact) => ({
    ...confirmationParameters(params.get(c.controllerId)?.reminders),
    templateVersion: params.get(c.controllerId)?.templateVersion ?? null,
  });
  // The customer's own duty (party controller): in its deadlines and calendar; met when it confirms.
  const duties = await openObligations(
    tx,
    clock,
    SYSTEM_ACTOR,
    asked.map((c) => ({
      controllerId: c.controllerId,
      kind: CONFIRMATION_OBLIGATION_KIND,
      nature: "duty" as const,
      party: "controller" as const,
      responsibleRoles: [],
      title: contactWords.obligationTitle,
      subject: { type: "contact", id: c.id },
      article: "4.4",
      clock: { unit: "calendarDays" as const, amount: of(c).staleDays },
      templateVersion: of(c).templateVersion,
      zone,
      triggerAt: now,
      reminders: [],
    })),
  );
  const cycles = asked.map((c, i) => {
    const staleAt = duties[i]?.dueAt ?? now;
    return { contact: c, obligationId: duties[i]?.id ?? null, staleAt, remindAt: reminderAt(now, of(c).reminderDays, staleAt, zone) };
  });
  await setCycle(
    tx,
    cycles.map((c) => ({ id: c.contact.id, remindAt: c.remindAt, staleAt: c.staleAt })),
  );
  await queueCustomerNotices(
    tx,
    clock,
    SYSTEM_ACTOR,
    cycles.map(({ contact, staleAt }) => ({
      controllerId: contact.controllerId,
      subject: { type: "contact", id: contact.id },
      data: {
        kind: "contact_confirmation",
        reminder: false,
        contactName: contact.name,
        contactEmail: contact.email,
        lastConfirmedAt: contact.lastConfirmedAt.toISOString(),
        staleAt: staleAt.toISOString(),
      },
    })),
  );
  await recordEvents(
    tx,
    clock,
    cycles.map(({ contact, staleAt, remindAt, obligationId }) => ({
      type: "contact.confirmation_requested" as const,
      actor: SYSTEM_ACTOR,
      controllerId: contact.controllerId,
      subject: { type: "contact", id: contact.id },
      data: {
        contact: { name: contact.name, email: contact.email },
        lastConfirmedAt: contact.lastConfirmedAt.toISOString(),
        months: of(contact).months,
        templateVersion: of(contact).templateVersion,
        remindAt: remindAt?.toISOString() ?? null,
        staleAt: staleAt.toISOString(),
        obligationId,
      },
    })),
  );
  return asked.length;
}

async function remindDue(tx: Db, clock: Clock, now: Date): Promise<number> {
  const reminded = await claimDueReminders(tx, now, BATCH);
  await queueCustomerNotices(
    tx,
    clock,
    SYSTEM_ACTOR,
    reminded.map((contact) => ({
      controllerId: contact.controllerId,
      subject: { type: "contact", id: contact.id },
      data: {
        kind: "contact_confirmation",
        reminder: true,
        contactName: contact.name,
        contactEmail: contact.email,
        lastConfirmedAt: contact.lastConfirmedAt.toISOString(),
        staleAt: (contact.staleAt ?? now).toISOString(),
      },
    })),
  );
  await recordEvents(
    tx,
    clock,
    reminded.map((contact) => ({
      type: "contact.confirmation_reminded" as const,
      actor: SYSTEM_ACTOR,
      controllerId: contact.controllerId,
      subject: { type: "contact", id: contact.id },
      data: { requestedAt: contact.requestedAt?.toISOString() ?? null, staleAt: contact.staleAt?.toISOString() ?? null },
    })),
  );
  return reminded.length;
}

async function markStale(tx: Db, clock: Clock, now: Date): Promise<number> {
  const stale = await claimStale(tx, now, BATCH);
  // The customer's duty to confirm was missed: it closes as lapsed (its deadlines say so), not escalated to staff.
  await lapseObligations(
    tx,
    clock,
    SYSTEM_ACTOR,
    await openConfirmationObligations(
      tx,
      stale.map((c) => c.id),
    ),
  );
  // To the owners (and the contact, and webhooks): queueCustomerNotices reaches every owner of the account.
  await queueCustomerNotices(
    tx,
    clock,
    SYSTEM_ACTOR,
    stale.map((contact) => ({
      controllerId: contact.controllerId,
      subject: { type: "contact", id: contact.id },
      data: {
        kind: "contact_stale",
        contactName: contact.name,
        contactEmail: contact.email,
        lastConfirmedAt: contact.lastConfirmedAt.toISOString(),
        requestedAt: (contact.requestedAt ?? now).toISOString(),
      },
    })),
  );
  await recordEvents(
    tx,
    clock,
    stale.map((contact) => ({
      type: "contact.marked_stale" as const,
      actor: SYSTEM_ACTOR,
      controllerId: contact.controllerId,
      subject: { type: "contact", id: contact.id },
      data: {
        contact: { name: contact.name, email: contact.email },
        lastConfirmedAt: contact.lastConfirmedAt.toISOString(),
        requestedAt: contact.requestedAt?.toISOString() ?? null,
        staleAt: contact.staleAt?.toISOString() ?? null,
        staleSince: now.toISOString(),
      },
    })),
  );
  return stale.length;
}
