import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { auditForAct, subjectOf, tellOtherParty } from "./act.ts";
import { findExpert, updateAudit, updateExpert } from "./queries.ts";
import type { AuditWho } from "./who.ts";
import { auditWords } from "./words.ts";

/** art. 10.1: the other party accepts the open proposal: the expert is agreed by both and recorded on the audit. */
export async function acceptExpert(tx: Db, clock: Clock, who: AuditWho, auditId: string, expertId: string): Promise<void> {
  const open = await auditForAct(tx, auditId);
  const expert = await findExpert(tx, auditId, expertId);
  if (!expert) {
    throw notFound(auditWords.noun.expert);
  }
  if (open.audit.expertId !== null) {
    throw conflict(auditWords.expertAgreedAlready);
  }
  if (expert.status !== "proposed") {
    throw conflict(auditWords.expertNotOpen);
  }
  if (expert.side === who.side) {
    throw conflict(auditWords.ownProposal);
  }
  const now = clock.now();
  await updateExpert(tx, expertId, { status: "accepted", decidedAt: now, decidedByName: who.name });
  await updateAudit(tx, auditId, { expertId });
  await recordEvent(tx, clock, {
    type: "audit.expert_agreed",
    actor: who.actor,
    controllerId: open.audit.controllerId,
    subject: subjectOf(auditId),
    data: { reference: open.reference, expertId, name: expert.name, firm: expert.firm, proposedBy: expert.side, acceptedBy: who.side },
  });
  await tellOtherParty(tx, clock, who, open, "expert_agreed");
}
