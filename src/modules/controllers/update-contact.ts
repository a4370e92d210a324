import type { Static } from "typebox";
import type { ContactBody } from "./schemas.ts";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { findContact, upsertContact } from "./queries.ts";

/** What the request body says: the route's schema validates it, and types it (no twin by hand). */
export type ContactInput = Static<typeof ContactBody>;

/**
 * art. 4.4: the controller keeps its DPO or privacy contact current; every notice goes there.
 * Each change is evidence (who changed what, from what), since a stale contact shifts liability.
 */
export async function updateContact(tx: Db, clock: Clock, actor: EventActor, controllerId: string, input: ContactInput) {
  const before = await findContact(tx, controllerId);
  // A changed contact is a fresh start: a failing mark on the old address no longer applies, and a
  // change confirms it (art. 4.4): the yearly cycle starts again (modules/contacts schedules the next request).
  const values = {
    ...input,
    email: input.email.trim().toLowerCase(),
    updatedAt: clock.now(),
    confirmedAt: clock.now(),
    failingSince: null,
    failingReason: null,
    confirmationDueAt: null,
    confirmationRequestedAt: null,
    confirmationRemindAt: null,
    confirmationRemindedAt: null,
    confirmationStaleAt: null,
    staleSince: null,
  };
  const saved = await upsertContact(tx, controllerId, values);
  await recordEvent(tx, clock, {
    type: "contact.changed",
    actor,
    controllerId,
    subject: { type: "contact", id: saved?.id ?? controllerId },
    data: {
      before: before ? { role: before.role, name: before.name, email: before.email, phone: before.phone } : null,
      after: { role: values.role, name: values.name, email: values.email, phone: values.phone },
      clearedFailing: before?.failingSince ? { since: before.failingSince.toISOString(), reason: before.failingReason } : null,
    },
  });
  return saved;
}
