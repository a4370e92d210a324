import type { Static } from "typebox";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { invalid } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { openNoticeDuties } from "./notice-duties.ts";
import { existingControllerIds, insertOrder, insertOrderCustomers, subjectOf } from "./queries.ts";
import type { OrderBody } from "./schemas.ts";
import { disclosureWords } from "./words.ts";

export type OrderInput = Static<typeof OrderBody>;

/** A receipt a few minutes ahead of the server's clock is a clock skew, not a typing error. */
const SKEW_MS = 5 * 60_000;

/** A text the schema let through that says nothing is refused, naming its field. */
export function said(field: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === "") {
    throw invalid(field, { nl: "is leeg", en: "is empty" });
  }
  return trimmed;
}

/** The concerned customers named: each once, each a known customer; otherwise a 400 naming the entry. */
export async function checkCustomers(tx: Db, controllerIds: string[]): Promise<void> {
  const seen = new Set<string>();
  controllerIds.forEach((id, i) => {
    if (seen.has(id)) {
      throw invalid(`body.controllerIds.${i}`, disclosureWords.duplicateCustomer);
    }
    seen.add(id);
  });
  const known = await existingControllerIds(tx, controllerIds);
  const unknown = controllerIds.findIndex((id) => !known.includes(id));
  if (unknown >= 0) {
    throw invalid(`body.controllerIds.${unknown}`, disclosureWords.unknownCustomer);
  }
}

/**
 * art. 9.2: records an authority's order to disclose data, the customers it concerns and its gag.
 * Without a gag (or with one whose date has already passed) each concerned customer's duty to be
 * told opens at once, due 24 hours after the receipt (or the gag's end); under a gag no duty opens
 * and nothing reaches a customer's stream until the gag ends (the sweep, or a recorded lift).
 */
export async function recordDisclosureOrder(tx: Db, clock: Clock, actor: EventActor & { id: string | null }, input: OrderInput): Promise<string> {
  const now = clock.now();
  const receivedAt = new Date(input.receivedAt);
  if (receivedAt.getTime() > now.getTime() + SKEW_MS) {
    throw invalid("body.receivedAt", disclosureWords.inFuture);
  }
  const gagUntil = input.gagUntil ? new Date(input.gagUntil) : null;
  if (input.gag === "until_date" && !gagUntil) {
    throw invalid("body.gagUntil", disclosureWords.gagUntilNeeded);
  }
  if (input.gag !== "until_date" && gagUntil) {
    throw invalid("body.gagUntil", disclosureWords.gagUntilNotAllowed);
  }
  if (gagUntil && gagUntil < receivedAt) {
    throw invalid("body.gagUntil", disclosureWords.beforeReceipt);
  }
  await checkCustomers(tx, input.controllerIds);
  const fields = {
    authority: said("body.authority", input.authority),
    legalBasis: said("body.legalBasis", input.legalBasis),
    dataRequested: said("body.dataRequested", input.dataRequested),
  };
  // A gag whose date is already past when the order is recorded ended at that date.
  const gagEndedAt = gagUntil && gagUntil <= now ? gagUntil : null;
  const order = await insertOrder(tx, {
    ...fields,
    authorityKind: input.authorityKind,
    receivedAt,
    gag: input.gag,
    gagUntil,
    gagEndedAt,
    recordedBy: actor.id,
    createdAt: now,
    updatedAt: now,
  });
  await insertOrderCustomers(tx, order.id, input.controllerIds);
  await recordEvent(tx, clock, {
    type: "disclosure.order_recorded",
    actor,
    controllerId: null,
    subject: subjectOf(order.id),
    data: {
      reference: disclosureWords.reference(order.number),
      ...fields,
      authorityKind: input.authorityKind,
      receivedAt: receivedAt.toISOString(),
      controllerIds: input.controllerIds,
      gag: input.gag,
      gagUntil: gagUntil?.toISOString() ?? null,
    },
  });
  if (input.gag === "none") {
    await openNoticeDuties(tx, clock, actor, order, receivedAt);
  } else if (gagEndedAt) {
    await openNoticeDuties(tx, clock, actor, order, gagEndedAt);
  }
  return order.id;
}
