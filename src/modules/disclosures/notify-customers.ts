import type { Static } from "typebox";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { meetObligations } from "../obligations/index.ts";
import { endGagIfDue } from "./gag.ts";
import { gagActive, openNoticeDuties } from "./notice-duties.ts";
import { lockOrder, markNotified, subjectOf, unnotifiedCustomers } from "./queries.ts";
import { said } from "./record-order.ts";
import type { NotifyBody } from "./schemas.ts";
import { disclosureWords } from "./words.ts";

/**
 * art. 9.2: tells every concerned customer not yet told, as far as the law and the order allow (the
 * staff's summary; the authority named only if allowed), and meets each customer's duty, in time or
 * late. Refused while a gag is in force: nothing is written.
 */
export async function notifyCustomers(tx: Db, clock: Clock, actor: EventActor, id: string, input: Static<typeof NotifyBody>): Promise<number> {
  const locked = await lockOrder(tx, id);
  if (!locked) {
    throw notFound(disclosureWords.noun.order);
  }
  const order = await endGagIfDue(tx, clock, locked);
  if (gagActive(order)) {
    throw conflict(disclosureWords.gagActive);
  }
  const summary = said("body.summary", input.summary);
  // Duties of an order recorded before this module opened them (or reopened) exist before the notice meets them.
  await openNoticeDuties(tx, clock, actor, order, order.gagEndedAt ?? order.receivedAt);
  const pending = await unnotifiedCustomers(tx, id);
  if (pending.length === 0) {
    throw conflict(disclosureWords.nothingToNotify);
  }
  const reference = disclosureWords.reference(order.number);
  const noticeIds = await queueCustomerNotices(
    tx,
    clock,
    actor,
    pending.map((c) => ({
      controllerId: c.controllerId,
      subject: subjectOf(id),
      data: {
        kind: "disclosure_notice" as const,
        orderId: id,
        reference,
        authority: input.nameAuthority ? order.authority : null,
        authorityKind: order.authorityKind,
        legalBasis: input.nameAuthority ? order.legalBasis : null,
        receivedAt: order.receivedAt.toISOString(),
        decision: order.decision,
        disclosedAt: order.disclosedAt?.toISOString() ?? null,
        gagEndedAt: order.gag === "none" ? null : (order.gagEndedAt?.toISOString() ?? null),
        summary,
      },
    })),
  );
  const now = clock.now();
  await markNotified(
    tx,
    id,
    pending.map((c, i) => ({ controllerId: c.controllerId, noticeId: noticeIds[i] ?? "" })),
    now,
  );
  const met = await meetObligations(
    tx,
    clock,
    actor,
    pending.flatMap((c) => (c.obligationId ? [c.obligationId] : [])),
  );
  await recordEvent(tx, clock, {
    type: "disclosure.customers_notified",
    actor,
    controllerId: null,
    subject: subjectOf(id),
    data: {
      reference,
      controllerIds: pending.map((c) => c.controllerId),
      nameAuthority: input.nameAuthority,
      summary,
      late: met.filter((m) => !m.metInTime).map((m) => m.controllerId),
    },
  });
  return pending.length;
}
