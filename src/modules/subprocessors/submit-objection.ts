import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { changeRecipients, controllers, objections } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { formatInstant } from "../../domain/legal-time.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { queueStaffNotice } from "../notices/index.ts";
import { meetObligations } from "../obligations/index.ts";
import { findProcessor } from "../processor/index.ts";
import { findChange } from "./change-queries.ts";
import { objectionReasonProblem } from "./objection-reason.ts";
import { findSubprocessor } from "./queries.ts";

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
  const [recipient] = change
    ? await tx
        .select()
        .from(changeRecipients)
        .where(and(eq(changeRecipients.changeId, changeId), eq(changeRecipients.controllerId, controllerId)))
        .for("update")
    : [];
  if (!change || !recipient) {
    throw notFound("subprocessor change");
  }
  const problem = objectionReasonProblem(reason);
  if (problem) {
    throw invalid("body.reason", problem);
  }
  if (change.status !== "announced") {
    throw conflict({
      nl: `deze wijziging is ${change.status === "effective" ? "al ingegaan" : "ingetrokken"}; bezwaar is niet meer mogelijk`,
      en: `this change has ${change.status === "effective" ? "already taken effect" : "been withdrawn"}; objecting is no longer possible`,
    });
  }
  const { timeZone: zone } = await findProcessor(tx);
  if (now > recipient.windowEndsAt) {
    throw conflict({
      nl: `de bezwaartermijn is verstreken op ${formatInstant(recipient.windowEndsAt, zone, "nl")} (art. 5.2)`,
      en: `the objection window ended on ${formatInstant(recipient.windowEndsAt, zone, "en")} (art. 5.2)`,
    });
  }
  const [existing] = await tx
    .select({ id: objections.id })
    .from(objections)
    .where(and(eq(objections.changeId, changeId), eq(objections.controllerId, controllerId)));
  if (existing) {
    throw conflict({
      nl: "u heeft al bezwaar gemaakt tegen deze wijziging; vul het aan in het overleg",
      en: "you have already objected to this change; add to it in the consultation",
    });
  }
  const text = reason.trim();
  const [objection] = await tx
    .insert(objections)
    .values({ changeId, controllerId, reason: text, submittedAt: now, submittedBy: actor.id, status: "open" })
    .returning({ id: objections.id });
  if (!objection) {
    throw new Error("objection insert returned nothing");
  }
  await meetObligations(tx, clock, actor, [recipient.obligationId]);
  const sub = await findSubprocessor(tx, change.subprocessorId);
  await recordEvent(tx, clock, {
    type: "objection.submitted",
    actor,
    controllerId,
    subject: { type: "objection", id: objection.id },
    data: { changeId, changeKind: change.kind, subprocessor: sub?.name ?? null, reason: text, windowEndsAt: recipient.windowEndsAt.toISOString() },
  });
  const [customer] = await tx.select({ name: controllers.name }).from(controllers).where(eq(controllers.id, controllerId));
  await queueStaffNotice(tx, clock, actor, {
    controllerId,
    roles: ["privacy_officer"],
    subject: { type: "objection", id: objection.id },
    data: {
      kind: "objection_received",
      changeId,
      objectionId: objection.id,
      subprocessorName: sub?.name ?? "",
      customerName: customer?.name ?? "",
      reason: text,
    },
  });
  return objection.id;
}
