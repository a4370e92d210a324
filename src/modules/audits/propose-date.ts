import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { auditDateAllowed } from "../../domain/audit-dates.ts";
import { formatInstant } from "../../domain/legal-time.ts";
import { conflict, invalid } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { findProcessor } from "../processor/index.ts";
import { auditForAct, subjectOf, tellOtherParty } from "./act.ts";
import { updateAudit } from "./queries.ts";
import type { AuditWho } from "./who.ts";
import { auditWords } from "./words.ts";

/**
 * art. 10.2: either party proposes when the audit starts; not before the start of the 14th calendar
 * day after the customer's written notice (a 400 on body.startsAt naming that earliest moment, in
 * the processor's zone). A new proposal replaces one not yet agreed; an agreed date stays (409).
 */
export async function proposeAuditDate(tx: Db, clock: Clock, who: AuditWho, auditId: string, input: { startsAt: string }): Promise<void> {
  const open = await auditForAct(tx, auditId);
  const startsAt = new Date(input.startsAt);
  if (!auditDateAllowed(startsAt, open.audit.earliestAt)) {
    const { timeZone: zone } = await findProcessor(tx);
    const earliest = { nl: formatInstant(open.audit.earliestAt, zone, "nl"), en: formatInstant(open.audit.earliestAt, zone, "en") };
    throw invalid("body.startsAt", auditWords.tooEarly(earliest));
  }
  if (open.audit.dateAgreedAt !== null) {
    throw conflict(auditWords.dateAgreedAlready);
  }
  await updateAudit(tx, auditId, { dateAt: startsAt, dateProposedBy: who.side, dateAgreedAt: null });
  await recordEvent(tx, clock, {
    type: "audit.date_proposed",
    actor: who.actor,
    controllerId: open.audit.controllerId,
    subject: subjectOf(auditId),
    data: { reference: open.reference, startsAt: startsAt.toISOString(), earliestAt: open.audit.earliestAt.toISOString(), side: who.side },
  });
  await tellOtherParty(tx, clock, who, open, "date_proposed", startsAt);
}

/** The other party accepts the proposed date, naming it (a date changed meanwhile is a 409, not an acceptance of the new one). */
export async function acceptAuditDate(tx: Db, clock: Clock, who: AuditWho, auditId: string, input: { startsAt: string }): Promise<void> {
  const open = await auditForAct(tx, auditId);
  const { dateAt, dateProposedBy, dateAgreedAt } = open.audit;
  if (dateAt === null || dateProposedBy === null) {
    throw conflict(auditWords.noDateProposed);
  }
  if (dateAgreedAt !== null) {
    throw conflict(auditWords.dateAgreedAlready);
  }
  if (dateProposedBy === who.side) {
    throw conflict(auditWords.ownProposal);
  }
  if (new Date(input.startsAt).getTime() !== dateAt.getTime()) {
    throw invalid("body.startsAt", auditWords.otherDate);
  }
  const now = clock.now();
  await updateAudit(tx, auditId, { dateAgreedAt: now });
  await recordEvent(tx, clock, {
    type: "audit.date_agreed",
    actor: who.actor,
    controllerId: open.audit.controllerId,
    subject: subjectOf(auditId),
    data: { reference: open.reference, startsAt: dateAt.toISOString(), proposedBy: dateProposedBy, acceptedBy: who.side },
  });
  await tellOtherParty(tx, clock, who, open, "date_agreed", dateAt);
}
