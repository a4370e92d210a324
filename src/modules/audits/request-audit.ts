import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { auditReasonProblem } from "../../domain/audit-reason.ts";
import { earliestAuditStart } from "../../domain/audit-dates.ts";
import { invalid } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { queueStaffNotice } from "../notices/index.ts";
import { findProcessor } from "../processor/index.ts";
import { agreementClocks } from "../subprocessors/index.ts";
import { subjectOf, textHash } from "./act.ts";
import { findAudit, insertAudit } from "./queries.ts";
import { auditReference, type AuditWho } from "./who.ts";

/**
 * art. 10.2: the customer asks for an audit, in writing, on a concrete, reasoned suspicion of misuse
 * (domain/audit-reason.ts; otherwise a 400 naming body.reason). The request is the written notice:
 * the audit takes place at the earliest at the start of the Nth calendar day after it (its
 * agreement's auditNoticeDays, 14). The admin and privacy officers are told.
 */
export async function requestAudit(tx: Db, clock: Clock, who: AuditWho, controllerId: string, input: { reason: string }): Promise<string> {
  const problem = auditReasonProblem(input.reason);
  if (problem) {
    throw invalid("body.reason", problem);
  }
  const reason = input.reason.trim();
  const now = clock.now();
  const { timeZone: zone } = await findProcessor(tx);
  const own = (await agreementClocks(tx, [controllerId], "auditNoticeDays")).get(controllerId) ?? { templateVersion: null, amount: 14 };
  const earliestAt = earliestAuditStart(now, own.amount, zone);
  const saved = await insertAudit(tx, { controllerId, reason, requestedAt: now, requestedByName: who.name, earliestAt });
  const reference = auditReference(saved);
  await recordEvent(tx, clock, {
    type: "audit.requested",
    actor: who.actor,
    controllerId,
    subject: subjectOf(saved.id),
    data: {
      reference,
      reasonSha256: textHash(reason),
      noticeAt: now.toISOString(),
      earliestAt: earliestAt.toISOString(),
      clock: { unit: "calendarDaysStart", amount: own.amount, templateVersion: own.templateVersion },
    },
  });
  const found = await findAudit(tx, saved.id);
  await queueStaffNotice(tx, clock, who.actor, {
    controllerId,
    roles: ["admin", "privacy_officer"],
    subject: subjectOf(saved.id),
    data: { kind: "audit_requested", auditId: saved.id, reference, customerName: found?.customerName ?? "", earliestAt: earliestAt.toISOString() },
  });
  return saved.id;
}
