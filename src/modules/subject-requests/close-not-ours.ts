import { eraseAfterEnd, lockReceived } from "./ending.ts";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { recordEvent } from "../evidence/index.ts";
import { meetObligations } from "../obligations/index.ts";
import { tellRequester } from "./forward-request.ts";
import { subjectOf, updateRequest } from "./queries.ts";
import { requestReference, type Who } from "./reference.ts";

/**
 * Staff record that a received request concerns none of the processor's customers: it ends (the
 * duty to forward is met, it was answered), its content is erased after the retention period, and
 * if staff choose and the requester gave an address, it is told so (a template in its language).
 */
export async function closeNotOurs(tx: Db, clock: Clock, who: Who, id: string, input: { tellRequester: boolean }): Promise<void> {
  const now = clock.now();
  const row = await lockReceived(tx, id);
  const reference = requestReference(row.number, row.receivedAt);
  await updateRequest(tx, id, { status: "not_ours", closedAt: now, eraseAfter: await eraseAfterEnd(tx, now), updatedAt: now });
  const met = row.obligationId ? await meetObligations(tx, clock, who.actor, [row.obligationId]) : [];
  await recordEvent(tx, clock, {
    type: "subject_request.not_ours",
    actor: who.actor,
    controllerId: null,
    subject: subjectOf(id),
    data: { reference, right: row.right, contentSha256: row.contentSha256, inTime: met[0]?.metInTime ?? null },
  });
  if (input.tellRequester && row.content.email) {
    await tellRequester(tx, clock, who, { id, reference, right: row.right, locale: row.locale, email: row.content.email, name: row.content.name }, "not_ours");
  }
}
