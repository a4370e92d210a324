import type { Static } from "typebox";
import { ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent, recordEvents, SYSTEM_ACTOR, type EventActor } from "../evidence/index.ts";
import { gagActive, openNoticeDuties } from "./notice-duties.ts";
import { claimEndedGags, insertGagEffort, lockOrder, subjectOf, updateOrder, type OrderRow } from "./queries.ts";
import { said } from "./record-order.ts";
import type { GagChangeBody, GagEffortBody, LiftBody } from "./schemas.ts";
import { disclosureWords } from "./words.ts";

// art. 9.2 "voor zover de wet dat toestaat", and SCC 2021/914 clause 15.1(b): while a gag forbids
// telling the customers, the processor records its efforts to have it lifted or narrowed; when the gag
// ends (its date passes, or staff record it lifted) each concerned customer must be told within 24
// hours from that moment.

const SKEW_MS = 5 * 60_000;

/** One effort to have the gag lifted or narrowed: when, what was done, and the result. */
export async function recordGagEffort(
  tx: Db,
  clock: Clock,
  actor: EventActor & { id: string | null },
  id: string,
  input: Static<typeof GagEffortBody>,
): Promise<string> {
  const order = await lockOrder(tx, id);
  if (!order) {
    throw notFound(disclosureWords.noun.order);
  }
  const at = new Date(input.at);
  if (at.getTime() > clock.now().getTime() + SKEW_MS) {
    throw invalid("body.at", disclosureWords.inFuture);
  }
  if (at < order.receivedAt) {
    throw invalid("body.at", disclosureWords.beforeReceipt);
  }
  const action = said("body.action", input.action);
  const note = input.note?.trim() || null;
  const saved = await insertGagEffort(tx, { orderId: id, at, action, result: input.result, note, recordedBy: actor.id, createdAt: clock.now() });
  await recordEvent(tx, clock, {
    type: "disclosure.gag_effort",
    actor,
    controllerId: null,
    subject: subjectOf(id),
    data: { effortId: saved.id, at: at.toISOString(), action, result: input.result, note, gagInForce: gagActive(order) },
  });
  return saved.id;
}

/** Staff record that the gag was lifted at `liftedAt`: the customers' duties open, due 24 hours from then. */
export async function liftGag(tx: Db, clock: Clock, actor: EventActor, id: string, input: Static<typeof LiftBody>): Promise<void> {
  const order = await lockOrder(tx, id);
  if (!order) {
    throw notFound(disclosureWords.noun.order);
  }
  if (!gagActive(order)) {
    throw conflict(disclosureWords.noGagToLift);
  }
  const liftedAt = new Date(input.liftedAt);
  if (liftedAt.getTime() > clock.now().getTime() + SKEW_MS) {
    throw invalid("body.liftedAt", disclosureWords.inFuture);
  }
  if (liftedAt < order.receivedAt) {
    throw invalid("body.liftedAt", disclosureWords.beforeReceipt);
  }
  await endGag(tx, clock, actor, order, liftedAt, "lifted", input.note?.trim() || null);
}

/**
 * The authority or a court changed a gag in force (narrowed to an earlier date, extended, or made
 * open-ended until lifted). A date already past ends the gag at that date, and the duties open from it.
 */
export async function changeGag(tx: Db, clock: Clock, actor: EventActor, id: string, input: Static<typeof GagChangeBody>): Promise<void> {
  const order = await lockOrder(tx, id);
  if (!order) {
    throw notFound(disclosureWords.noun.order);
  }
  if (!gagActive(order)) {
    throw conflict(disclosureWords.noGagToChange);
  }
  const gagUntil = input.gagUntil ? new Date(input.gagUntil) : null;
  if (input.gag === "until_date" && !gagUntil) {
    throw invalid("body.gagUntil", disclosureWords.gagUntilNeeded);
  }
  if (input.gag !== "until_date" && gagUntil) {
    throw invalid("body.gagUntil", disclosureWords.gagUntilNotAllowed);
  }
  if (gagUntil && gagUntil < order.receivedAt) {
    throw invalid("body.gagUntil", disclosureWords.beforeReceipt);
  }
  await updateOrder(tx, id, { gag: input.gag, gagUntil, updatedAt: clock.now() });
  await recordEvent(tx, clock, {
    type: "disclosure.gag_changed",
    actor,
    controllerId: null,
    subject: subjectOf(id),
    data: {
      from: { gag: order.gag, gagUntil: order.gagUntil?.toISOString() ?? null },
      to: { gag: input.gag, gagUntil: gagUntil?.toISOString() ?? null },
      note: input.note?.trim() || null,
    },
  });
  await endGagIfDue(tx, clock, { ...order, gag: input.gag, gagUntil });
}

/** Ends a gag at `endedAt` (its evidence) and opens the duties, due 24 hours from then, `page` customers at a time. */
async function endGag(
  tx: Db,
  clock: Clock,
  actor: EventActor,
  order: OrderRow,
  endedAt: Date,
  how: "lifted" | "date_passed",
  note: string | null,
  page: number = ROWS_PER_STATEMENT,
) {
  await updateOrder(tx, order.id, { gagEndedAt: endedAt, updatedAt: clock.now() });
  await recordEvent(tx, clock, {
    type: "disclosure.gag_ended",
    actor,
    controllerId: null,
    subject: subjectOf(order.id),
    data: { how, endedAt: endedAt.toISOString(), gag: order.gag, gagUntil: order.gagUntil?.toISOString() ?? null, note },
  });
  await openNoticeDuties(tx, clock, actor, { ...order, gagEndedAt: endedAt }, endedAt, page);
}

/**
 * A gag until a date whose date has passed (and no sweep has seen yet) ends now, at its date: before
 * an act that needs it ended. `page`: customers per page of the duties it opens (tests make it small).
 */
export async function endGagIfDue(tx: Db, clock: Clock, order: OrderRow, page: number = ROWS_PER_STATEMENT): Promise<OrderRow> {
  if (order.gag === "until_date" && order.gagEndedAt === null && order.gagUntil && order.gagUntil <= clock.now()) {
    await endGag(tx, clock, SYSTEM_ACTOR, order, order.gagUntil, "date_passed", null, page);
    return { ...order, gagEndedAt: order.gagUntil };
  }
  return order;
}

const BATCH = 100;

/**
 * The sweep task: gags until a date that has passed end at that date; each order is claimed once
 * (FOR UPDATE SKIP LOCKED in the statement that marks it), and its customers' duties open, due 24
 * hours after the gag's end. Returns the number of gags ended.
 */
export async function sweepEndedGags(tx: Db, clock: Clock): Promise<number> {
  const ended = await claimEndedGags(tx, clock.now(), BATCH);
  await recordEvents(
    tx,
    clock,
    ended.map((order) => ({
      type: "disclosure.gag_ended" as const,
      actor: SYSTEM_ACTOR,
      controllerId: null,
      subject: subjectOf(order.id),
      data: { how: "date_passed", endedAt: order.gagEndedAt?.toISOString() ?? null, gag: order.gag, gagUntil: order.gagUntil?.toISOString() ?? null },
    })),
  );
  for (const order of ended) {
    await openNoticeDuties(tx, clock, SYSTEM_ACTOR, order, order.gagEndedAt ?? clock.now());
  }
  return ended.length;
}
