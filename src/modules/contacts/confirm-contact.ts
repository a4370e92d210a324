import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { AppError, conflict } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { loadProcessorContext } from "../notices/index.ts";
import { meetObligations } from "../obligations/index.ts";
import { confirmationParameters, nextRequestAt } from "./confirmation-schedule.ts";
import { lockContact, markConfirmed, openConfirmationObligations, parametersOf } from "./queries.ts";

/** Where a contact stood in its cycle (lockContact): what a confirmation ends. */
export type ContactCycle = NonNullable<Awaited<ReturnType<typeof lockContact>>>;

/** The contact and its cycle, locked until the transaction ends: read before a change overwrites it. */
export function contactCycle(tx: Db, controllerId: string): Promise<ContactCycle | null> {
  return lockContact(tx, controllerId);
}
import { contactWords } from "./words.ts";

/**
 * art. 4.4: the customer confirms that its privacy contact is still correct, by the button ("still
 * correct") or by changing it (a change is a confirmation of the new contact). Either way: confirmed
 * now, the stale mark and the running cycle cleared, the next request scheduled (months after now),
 * the customer's open duty to confirm met (a stale contact's duty has lapsed already), and
 * `contact.confirmed` as evidence.
 * `seenUpdatedAt`: the version of the contact the person saw; a contact changed since is a 409.
 */
export async function confirmContact(
  tx: Db,
  clock: Clock,
  actor: EventActor,
  controllerId: string,
  how: { via: "button"; seenUpdatedAt: Date } | { via: "change"; before: ContactCycle | null },
) {
  const contact = await lockContact(tx, controllerId);
  if (!contact) {
    throw conflict(contactWords.noContact);
  }
  if (how.via === "button" && contact.updatedAt.getTime() !== how.seenUpdatedAt.getTime()) {
    throw new AppError("conflict", contactWords.changedSince, [{ field: "body.updatedAt", message: contactWords.notTheCurrent }]);
  }
  // A change has already written the new contact (and cleared its cycle): the cycle it ends is the one before.
  const cycle = how.via === "change" ? how.before : contact;
  const now = clock.now();
  const { zone } = await loadProcessorContext(tx);
  const params = (await parametersOf(tx, [controllerId])).get(controllerId);
  const { months } = confirmationParameters(params?.reminders);
  const next = nextRequestAt(now, months, zone);
  await markConfirmed(tx, contact.id, now, next);
  const met = await meetObligations(tx, clock, actor, await openConfirmationObligations(tx, [contact.id]));
  await recordEvent(tx, clock, {
    type: "contact.confirmed",
    actor,
    controllerId,
    subject: { type: "contact", id: contact.id },
    data: {
      via: how.via,
      contact: { role: contact.role, name: contact.name, email: contact.email },
      previouslyConfirmedAt: cycle?.confirmedAt?.toISOString() ?? null,
      requestedAt: cycle?.requestedAt?.toISOString() ?? null,
      wasStaleSince: cycle?.staleSince?.toISOString() ?? null,
      nextRequestAt: next.toISOString(),
      months,
      obligations: met.map((o) => ({ id: o.id, inTime: o.dueAt.getTime() >= now.getTime() })),
    },
  });
  return { confirmedAt: now, nextRequestAt: next };
}
