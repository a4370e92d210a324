import type { Static } from "typebox";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { endGagIfDue } from "./gag.ts";
import { gagActive, openNoticeDuties } from "./notice-duties.ts";
import { insertOrderCustomers, lockOrder, subjectOf } from "./queries.ts";
import { checkCustomers } from "./record-order.ts";
import type { CustomersBody } from "./schemas.ts";
import { disclosureWords } from "./words.ts";

/**
 * Customers found to be concerned after the order was recorded. Their duty runs from the same moment
 * as the others' (the receipt, or the gag's end), so it may already be running or overdue, as for a
 * customer added late to a breach; under a gag it waits with the rest. The customers added.
 */
export async function addOrderCustomers(tx: Db, clock: Clock, actor: EventActor, id: string, input: Static<typeof CustomersBody>): Promise<string[]> {
  const locked = await lockOrder(tx, id);
  if (!locked) {
    throw notFound(disclosureWords.noun.order);
  }
  await checkCustomers(tx, input.controllerIds);
  const order = await endGagIfDue(tx, clock, locked);
  const added = await insertOrderCustomers(tx, id, input.controllerIds);
  if (added.length === 0) {
    return [];
  }
  await recordEvent(tx, clock, { type: "disclosure.customers_added", actor, controllerId: null, subject: subjectOf(id), data: { controllerIds: added } });
  if (!gagActive(order)) {
    await openNoticeDuties(tx, clock, actor, order, order.gagEndedAt ?? order.receivedAt);
  }
  return added;
}
