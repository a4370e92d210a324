import type { Db } from "../../db/engine.ts";
import type { ActionCarrier } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { calendarDaysUntil } from "../../domain/audit-dates.ts";
import { metInTime } from "../../domain/legal-time.ts";
import { conflict, invalid, notFound } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { meetObligations, openObligations } from "../obligations/index.ts";
import { findProcessor } from "../processor/index.ts";
import { auditForAct, subjectOf, tellOtherParty, textHash } from "./act.ts";
import { findAction, findFinding, insertAction, insertFinding, markFindingAgreed, updateAction } from "./queries.ts";
import type { AuditWho } from "./who.ts";
import { auditWords } from "./words.ts";

export const AUDIT_ACTION_KIND = "audit_action";

const required = (field: string, value: string) => {
  const text = value.trim();
  if (text === "") {
    throw invalid(field, auditWords.textNeeded);
  }
  return text;
};

/** art. 10.4: either party records a finding with its assessment; the other party's agreement makes it assessed jointly. */
export async function recordFinding(
  tx: Db,
  clock: Clock,
  who: AuditWho,
  auditId: string,
  input: { title: string; description: string; assessment: string },
): Promise<string> {
  const open = await auditForAct(tx, auditId);
  const fields = {
    title: required("body.title", input.title),
    description: required("body.description", input.description),
    assessment: required("body.assessment", input.assessment),
  };
  const finding = await insertFinding(tx, {
    auditId,
    controllerId: open.audit.controllerId,
    ...fields,
    side: who.side,
    recordedByName: who.name,
    recordedAt: clock.now(),
  });
  await recordEvent(tx, clock, {
    type: "audit.finding_recorded",
    actor: who.actor,
    controllerId: open.audit.controllerId,
    subject: subjectOf(auditId),
    data: { reference: open.reference, findingId: finding.id, side: who.side, findingSha256: textHash(JSON.stringify(fields)) },
  });
  await tellOtherParty(tx, clock, who, open, "finding_recorded");
  return finding.id;
}

/** The party that did not record a finding agrees to its assessment: assessed jointly (art. 10.4). */
export async function agreeFinding(tx: Db, clock: Clock, who: AuditWho, auditId: string, findingId: string): Promise<void> {
  const open = await auditForAct(tx, auditId);
  const finding = await findFinding(tx, auditId, findingId);
  if (!finding) {
    throw notFound(auditWords.noun.finding);
  }
  if (finding.side === who.side) {
    throw conflict(auditWords.ownFinding);
  }
  if (!(await markFindingAgreed(tx, findingId, clock.now(), who.name))) {
    throw conflict(auditWords.agreedAlready);
  }
  await recordEvent(tx, clock, {
    type: "audit.finding_agreed",
    actor: who.actor,
    controllerId: open.audit.controllerId,
    subject: subjectOf(auditId),
    data: {
      reference: open.reference,
      findingId,
      recordedBy: finding.side,
      agreedBy: who.side,
      findingSha256: textHash(JSON.stringify({ title: finding.title, description: finding.description, assessment: finding.assessment })),
    },
  });
  await tellOtherParty(tx, clock, who, open, "finding_agreed");
}

export interface ActionInput {
  findingId: string;
  description: string;
  carriedBy: ActionCarrier;
  owner: string;
  /** YYYY-MM-DD, a real date (the route checks), today or later. */
  dueDate: string;
}

/**
 * art. 10.4: an action on a finding: who carries it out (processor, customer, both), its owner, and
 * its due date, a duty on the obligation engine ending at the last moment of that local date: the
 * processor's for "processor" and "both", the customer's own for "customer".
 */
export async function addAction(tx: Db, clock: Clock, who: AuditWho, auditId: string, input: ActionInput): Promise<string> {
  const open = await auditForAct(tx, auditId);
  const finding = await findFinding(tx, auditId, input.findingId);
  if (!finding) {
    throw invalid("body.findingId", auditWords.unknownFinding);
  }
  const description = required("body.description", input.description);
  const owner = required("body.owner", input.owner);
  const now = clock.now();
  const { timeZone: zone } = await findProcessor(tx);
  const days = calendarDaysUntil(now, input.dueDate, zone);
  if (days < 0) {
    throw invalid("body.dueDate", auditWords.dueInPast);
  }
  const id = crypto.randomUUID();
  const [duty] = await openObligations(tx, clock, who.actor, [
    {
      controllerId: open.audit.controllerId,
      kind: AUDIT_ACTION_KIND,
      nature: "duty",
      party: input.carriedBy === "customer" ? "controller" : "processor",
      responsibleRoles: ["privacy_officer", "admin"],
      title: auditWords.actionDuty(open.reference, description.slice(0, 120)),
      subject: { type: "audit_action", id },
      article: "10.4",
      clock: { unit: "calendarDays", amount: days },
      templateVersion: null,
      zone,
      triggerAt: now,
    },
  ]);
  if (!duty) {
    throw new Error("the action's duty was not opened");
  }
  await insertAction(tx, {
    id,
    auditId,
    controllerId: open.audit.controllerId,
    findingId: finding.id,
    description,
    carriedBy: input.carriedBy,
    owner,
    dueDate: input.dueDate,
    dueAt: duty.dueAt,
    obligationId: duty.id,
    recordedByName: who.name,
    recordedAt: now,
  });
  await recordEvent(tx, clock, {
    type: "audit.action_added",
    actor: who.actor,
    controllerId: open.audit.controllerId,
    subject: subjectOf(auditId),
    data: {
      reference: open.reference,
      actionId: id,
      findingId: finding.id,
      carriedBy: input.carriedBy,
      ownerSha256: textHash(owner),
      descriptionSha256: textHash(description),
      dueDate: input.dueDate,
      dueAt: duty.dueAt.toISOString(),
      obligationId: duty.id,
    },
  });
  await tellOtherParty(tx, clock, who, open, "action_added", duty.dueAt);
  return id;
}

/** An action carried out, by a party that carries it out: its duty met, in time or late. */
export async function completeAction(tx: Db, clock: Clock, who: AuditWho, auditId: string, actionId: string): Promise<{ inTime: boolean }> {
  const open = await auditForAct(tx, auditId);
  const action = await findAction(tx, auditId, actionId, true);
  if (!action) {
    throw notFound(auditWords.noun.action);
  }
  if (action.doneAt !== null) {
    throw conflict(auditWords.doneAlready);
  }
  if (action.carriedBy !== "both" && action.carriedBy !== who.side) {
    throw conflict(auditWords.notYourAction);
  }
  const now = clock.now();
  const met = action.obligationId ? await meetObligations(tx, clock, who.actor, [action.obligationId]) : [];
  const inTime = met[0]?.metInTime ?? metInTime(action.dueAt, now);
  await updateAction(tx, actionId, { doneAt: now, doneByName: who.name, inTime });
  await recordEvent(tx, clock, {
    type: "audit.action_completed",
    actor: who.actor,
    controllerId: open.audit.controllerId,
    subject: subjectOf(auditId),
    data: { reference: open.reference, actionId, side: who.side, dueAt: action.dueAt.toISOString(), doneAt: now.toISOString(), inTime },
  });
  await tellOtherParty(tx, clock, who, open, "action_completed");
  return { inTime };
}
