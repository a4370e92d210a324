import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalid } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { auditForAct, subjectOf, textHash } from "./act.ts";
import { updateAudit } from "./queries.ts";
import type { AuditWho } from "./who.ts";
import { auditWords } from "./words.ts";

/**
 * art. 10.2: the processor refuses a request that rests on no concrete, reasoned suspicion of misuse,
 * with its reasoning, while no expert or date is agreed. The customer is told (audit_refused); the
 * reasoning is shown only with the audit, to the two parties.
 */
export async function refuseAudit(tx: Db, clock: Clock, who: AuditWho, auditId: string, input: { reasoning: string }): Promise<void> {
  const open = await auditForAct(tx, auditId);
  const reasoning = input.reasoning.trim();
  if (reasoning === "") {
    throw invalid("body.reasoning", auditWords.refusalNeeded);
  }
  if (open.audit.expertId !== null || open.audit.dateAgreedAt !== null) {
    throw conflict(auditWords.refusalTooLate);
  }
  const now = clock.now();
  await updateAudit(tx, auditId, { status: "refused", refusal: reasoning, refusedAt: now, refusedByName: who.name });
  await recordEvent(tx, clock, {
    type: "audit.refused",
    actor: who.actor,
    controllerId: open.audit.controllerId,
    subject: subjectOf(auditId),
    data: { reference: open.reference, reasoningSha256: textHash(reasoning), refusedAt: now.toISOString() },
  });
  await queueCustomerNotices(tx, clock, who.actor, [
    {
      controllerId: open.audit.controllerId,
      subject: subjectOf(auditId),
      data: { kind: "audit_refused", auditId, reference: open.reference },
    },
  ]);
}
