import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { queueStaffNotice } from "../notices/index.ts";
import { meetObligations } from "../obligations/index.ts";
import { findProcessor } from "../processor/index.ts";
import { findChange } from "./change-queries.ts";
import { lockRecipient } from "./lifecycle-queries.ts";
import { customerNameOf, findObjectionOf, insertObjection } from "./objection-queries.ts";
import { objectionReasonProblem } from "./objection-reason.ts";
import { findSubprocessor } from "./queries.ts";
import { subprocessorWords } from "./words.ts";

/**
 * art. 5.2: a customer's written, reasoned objection to an announced change, within its own
 * window. It uses the window (the obligation is met, in time), is evidence in the customer's
 * stream, opens a consultation, and tells the processor's privacy staff. One per customer and change.
 */
export async function submitObjection(
  tx: Db,
  clock: Clock,
  actor: EventActor & { id: string },
  changeId: string,
  controllerId: string,
  reason: string,
): Promise<string> {
  const now = clock.now();
  const change = await findChange(tx, changeId);
  const recipient = change ? await lockRecipient(tx, changeId, controllerId) : null;
  if (!change || !recipient) {
    throw notFound(subprocessorWords.noun.change);
  }
  const problem = objectionReasonProblem(reason);
  if (problem) {
    throw invalid("body.reason", problem);
  }
  if (change.status !== "announced") {
    throw conflict(subprocessorWords.noLongerObjectable(change.status));
  }
  const { timeZone: zone } = await findProcessor(tx);
  if (now > recipient.windowEndsAt) {
    throw conflict(subprocessorWords.windowEnded(recipient.windowEndsAt, zone));
  }
  if (await findObjectionOf(tx, changeId, controllerId)) {
    throw conflict(subprocessorWords.objectedAlready);
  }
  const text = reason.trim();
  const objectionId = await insertObjection(tx, { changeId, controllerId, reason: text, submittedAt: now, submittedBy: actor.id, status: "open" });
  await meetObligations(tx, clock, actor, [recipient.obligationId]);
  const sub = await findSubprocessor(tx, change.subprocessorId);
  await recordEvent(tx, clock, {
    type: "objection.submitted",
    actor,
    controllerId,
    subject: { type: "objection", id: objectionId },
    data: { changeId, changeKind: change.kind, subprocessor: sub?.name ?? null, reason: text, windowEndsAt: recipient.windowEndsAt.toISOString() },
  });
  const customerName = await customerNameOf(tx, controllerId);
  await queueStaffNotice(tx, clock, actor, {
    controllerId,
    roles: ["privacy_officer"],
    subject: { type: "objection", id: objectionId },
    data: {
      kind: "objection_received",
      changeId,
      objectionId,
      subprocessorName: sub?.name ?? "",
      customerName: customerName ?? "",
      reason: text,
    },
  });
  return objectionId;
}
