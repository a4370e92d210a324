import type { Static } from "typebox";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { lockOrder, subjectOf, updateOrder } from "./queries.ts";
import { said } from "./record-order.ts";
import type { DecisionBody, DisclosedBody } from "./schemas.ts";
import { disclosureWords } from "./words.ts";

/** art. 9.2: the processor's decision on an order (comply, comply in part, contest) with its reasoning; a later decision replaces it, and both stay in the evidence. */
export async function decideDisclosureOrder(
  tx: Db,
  clock: Clock,
  actor: EventActor & { id: string | null },
  id: string,
  input: Static<typeof DecisionBody>,
): Promise<void> {
  const order = await lockOrder(tx, id);
  if (!order) {
    throw notFound(disclosureWords.noun.order);
  }
  const reasoning = said("body.reasoning", input.reasoning);
  const now = clock.now();
  await updateOrder(tx, id, { decision: input.decision, reasoning, decidedAt: now, decidedBy: actor.id, updatedAt: now });
  await recordEvent(tx, clock, {
    type: "disclosure.decided",
    actor,
    controllerId: null,
    subject: subjectOf(id),
    data: { decision: input.decision, reasoning, previous: order.decision },
  });
}

/** What was disclosed and when: only after a decision to comply (in part), never before the order came in. */
export async function recordDisclosed(tx: Db, clock: Clock, actor: EventActor, id: string, input: Static<typeof DisclosedBody>): Promise<void> {
  const order = await lockOrder(tx, id);
  if (!order) {
    throw notFound(disclosureWords.noun.order);
  }
  if (order.decision !== "comply" && order.decision !== "comply_in_part") {
    throw conflict(disclosureWords.disclosedNeedsCompliance);
  }
  const disclosedAt = new Date(input.disclosedAt);
  if (disclosedAt < order.receivedAt) {
    throw invalid("body.disclosedAt", disclosureWords.beforeReceipt);
  }
  if (disclosedAt.getTime() > clock.now().getTime() + 5 * 60_000) {
    throw invalid("body.disclosedAt", disclosureWords.inFuture);
  }
  const what = said("body.what", input.what);
  await updateOrder(tx, id, { disclosedWhat: what, disclosedAt, updatedAt: clock.now() });
  await recordEvent(tx, clock, {
    type: "disclosure.disclosed",
    actor,
    controllerId: null,
    subject: subjectOf(id),
    data: { what, disclosedAt: disclosedAt.toISOString() },
  });
}
