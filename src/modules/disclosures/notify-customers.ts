import type { Static } from "typebox";
import { ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { meetObligations } from "../obligations/index.ts";
import { endGagIfDue } from "./gag.ts";
import { gagActive, openNoticeDuties } from "./notice-duties.ts";
import { countUnnotified, lockOrder, markNotified, subjectOf, unnotifiedPage } from "./queries.ts";
import { said } from "./record-order.ts";
import type { NotifyBody } from "./schemas.ts";
import { disclosureWords } from "./words.ts";

/**
 * art. 9.2: tells every concerned customer not yet told, as far as the law and the order allow (the
 * staff's summary; the authority named only if allowed), and meets each customer's duty, in time or
 * late. Refused while a gag is in force: nothing is written.
 *
 * Bounded memory at any size: the customers are walked a page at a time (`page`; by id, the order
 * their evidence streams are locked in), each page's notices queued, rows marked told and duties met
 * before the next is read, all in the caller's one transaction; only their ids are kept, for the
 * evidence event.
 */
export async function notifyCustomers(
  tx: Db,
  clock: Clock,
  actor: EventActor,
  id: string,
  input: Static<typeof NotifyBody>,
  page: number = ROWS_PER_STATEMENT,
): Promise<number> {
  const locked = await lockOrder(tx, id);
  if (!locked) {
    throw notFound(disclosureWords.noun.order);
  }
  const order = await endGagIfDue(tx, clock, locked, page);
  if (gagActive(order)) {
    throw conflict(disclosureWords.gagActive);
  }
  const summary = said("body.summary", input.summary);
  // Duties of an order recorded before this module opened them (or reopened) exist before the notice meets them.
  await openNoticeDuties(tx, clock, actor, order, order.gagEndedAt ?? order.receivedAt, page);
  // The list cannot change meanwhile: adding a customer locks the order too.
  const total = await countUnnotified(tx, id);
  if (total === 0) {
    throw conflict(disclosureWords.nothingToNotify);
  }
  const reference = disclosureWords.reference(order.number);
  const now = clock.now();
  const told: string[] = [];
  const late: (string | null)[] = [];
  let after: string | null = null;
  for (let pages = Math.ceil(total / page) + 1; pages > 0; pages -= 1) {
    const pending = await unnotifiedPage(tx, id, after, page);
    if (pending.length === 0) {
      break;
    }
    after = pending.at(-1)?.controllerId ?? null;
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
    told.push(...pending.map((c) => c.controllerId));
    late.push(...met.filter((m) => !m.metInTime).map((m) => m.controllerId));
    if (pending.length < page) {
      break;
    }
  }
  await recordEvent(tx, clock, {
    type: "disclosure.customers_notified",
    actor,
    controllerId: null,
    subject: subjectOf(id),
    data: {
      reference,
      controllerIds: told,
      nameAuthority: input.nameAuthority,
      summary,
      late,
    },
  });
  return told.length;
}
