import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { invalid } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { queueStaffNotice } from "../notices/index.ts";
import { openObligations } from "../obligations/index.ts";
import { findProcessor } from "../processor/index.ts";
import { agreementClocks } from "../subprocessors/index.ts";
import { caseKindOf } from "./case-kinds.ts";
import { customerNameOf, insertCase, servicesTaken, subjectOf, updateCase } from "./queries.ts";
import { caseReference, type Who } from "./who.ts";
import { caseWords } from "./words.ts";
import { realDate } from "./local-date.ts";

/**
 * A customer asks (art. 2.4 and the kinds after it): the case is opened with the processor's duty
 * to answer, due by the kind's clock (the customer's agreement version's parameter where the
 * agreement has one, else the kind's fixed term, in Dutch calendar days), as evidence; the
 * processor's privacy staff are told.
 */
export async function openCase(tx: Db, clock: Clock, who: Who, controllerId: string, kind: string, request: Record<string, unknown>): Promise<string> {
  const definition = caseKindOf(kind);
  const named = definition.services?.(request) ?? [];
  if (named.length > 0) {
    const taken = await servicesTaken(tx, controllerId, named);
    const unknown = named.findIndex((id) => !taken.has(id));
    if (unknown >= 0) {
      throw invalid(`body.request.services.${unknown}`, caseWords.unknownService);
    }
  }
  for (const [field, value] of Object.entries(definition.dates?.(request) ?? {})) {
    if (value !== null) {
      realDate(value, `body.request.${field}`);
    }
  }
  await definition.check?.(tx, request, controllerId, clock.now());
  const now = clock.now();
  const title = definition.title(request);
  const inserted = await insertCase(tx, {
    kind,
    controllerId,
    title,
    request,
    status: "open",
    askedBy: who.userId,
    askedByName: who.name,
    askedAt: now,
    updatedAt: now,
  });
  const reference = caseReference(inserted.number, now);
  const own = definition.clock.parameter
    ? ((await agreementClocks(tx, [controllerId], definition.clock.parameter)).get(controllerId) ?? { templateVersion: null, amount: definition.clock.amount })
    : { templateVersion: null, amount: definition.clock.amount };
  const { timeZone: zone } = await findProcessor(tx);
  const [duty] = await openObligations(tx, clock, who.actor, [
    {
      controllerId,
      kind: `case_${kind}`,
      nature: "duty",
      party: "processor",
      responsibleRoles: ["privacy_officer"],
      title: caseWords.answerDuty(reference, definition.label, definition.article),
      subject: subjectOf(inserted.id),
      article: definition.article,
      clock: { unit: definition.clock.unit, amount: own.amount },
      templateVersion: own.templateVersion,
      zone,
      triggerAt: now,
    },
  ]);
  if (!duty) {
    throw new Error("the case's duty was not opened");
  }
  await updateCase(tx, inserted.id, { obligationId: duty.id });
  await recordEvent(tx, clock, {
    type: "case.opened",
    actor: who.actor,
    controllerId,
    subject: subjectOf(inserted.id),
    data: {
      reference,
      kind,
      article: definition.article,
      title,
      request,
      askedBy: who.name,
      dueAt: duty.dueAt.toISOString(),
      clock: { unit: definition.clock.unit, amount: own.amount, templateVersion: own.templateVersion },
    },
  });
  await queueStaffNotice(tx, clock, who.actor, {
    controllerId,
    roles: ["privacy_officer"],
    subject: subjectOf(inserted.id),
    data: {
      kind: "case_opened",
      caseId: inserted.id,
      reference,
      caseKind: definition.label,
      title,
      customerName: await customerNameOf(tx, controllerId),
      askedByName: who.name,
      dueAt: duty.dueAt.toISOString(),
    },
  });
  return inserted.id;
}
