import { createHash } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { queueCustomerNotices, queueStaffNotice } from "../notices/index.ts";
import { findAudit, type AuditRow } from "./queries.ts";
import { auditReference, type AuditWho } from "./who.ts";
import { auditWords, type AuditActivity } from "./words.ts";

// What every act on an audit shares: the audit, locked for the act (404 when this scope may not see
// it; 409 when it was refused), and telling the other party what happened.

export interface OpenAudit {
  audit: AuditRow;
  customerName: string;
  reference: string;
}

/** The audit an act is on, locked for the act's transaction. */
export async function auditForAct(tx: Db, id: string, { allowRefused = false } = {}): Promise<OpenAudit> {
  const found = await findAudit(tx, id, true);
  if (!found) {
    throw notFound(auditWords.noun.audit);
  }
  if (found.audit.status === "refused" && !allowRefused) {
    throw conflict(auditWords.refused);
  }
  return { audit: found.audit, customerName: found.customerName, reference: auditReference(found.audit) };
}

export const subjectOf = (auditId: string) => ({ type: "audit", id: auditId });

/** The SHA-256 of a text the evidence must not hold itself (an audit is confidential, art. 9.1). */
export const textHash = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Tells the party that did not act: the customer (its portal, e-mail, webhooks) or the admin and privacy officers. */
export async function tellOtherParty(tx: Db, clock: Clock, who: AuditWho, open: OpenAudit, activity: AuditActivity, at: Date | null = null): Promise<void> {
  const { audit, reference, customerName } = open;
  if (who.side === "processor") {
    await queueCustomerNotices(tx, clock, who.actor, [
      {
        controllerId: audit.controllerId,
        subject: subjectOf(audit.id),
        data: { kind: "audit_update", auditId: audit.id, reference, activity, at: at?.toISOString() ?? null },
      },
    ]);
    return;
  }
  await queueStaffNotice(tx, clock, who.actor, {
    controllerId: audit.controllerId,
    roles: ["admin", "privacy_officer"],
    subject: subjectOf(audit.id),
    data: { kind: "audit_activity", auditId: audit.id, reference, customerName, activity, at: at?.toISOString() ?? null },
  });
}
