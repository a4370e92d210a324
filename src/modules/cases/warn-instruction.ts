import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { invalid } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { closeCase } from "./close-case.ts";
import { lockOpenInstruction } from "./lock-instruction.ts";
import { INSTRUCTION_INFRINGES, instructionKind } from "./instruction.ts";
import { subjectOf } from "./queries.ts";
import { caseReference, type Who } from "./who.ts";
import { caseWords } from "./words.ts";

/**
 * The processor's duty to warn (GDPR 28(3) last paragraph): "the processor shall immediately inform
 * the controller if, in its opinion, an instruction infringes this Regulation or other Union or
 * Member State data protection provisions". Staff answer an instruction so, with their reasoning
 * and the provision it would infringe; the instruction is not carried out (the case closes as
 * "infringes", which meets the duty to answer) and the customer gets a warning of its own kind
 * (instruction_warning), which it is asked to acknowledge. It may give a new instruction.
 */
export async function warnInstruction(tx: Db, clock: Clock, who: Who, caseId: string, input: { reasoning: string; provision?: string }): Promise<void> {
  const row = await lockOpenInstruction(tx, caseId);
  const reasoning = input.reasoning.trim();
  if (reasoning === "") {
    throw invalid("body.reasoning", caseWords.required);
  }
  const provision = input.provision?.trim() || null;
  const reference = caseReference(row.number, row.askedAt);
  await closeCase(tx, clock, who, caseId, { outcome: INSTRUCTION_INFRINGES, note: reasoning, files: [] }, { byAction: true, notify: false });
  await recordEvent(tx, clock, {
    type: "case.instruction_warning",
    actor: who.actor,
    controllerId: row.controllerId,
    subject: subjectOf(caseId),
    data: { reference, article: instructionKind.article, gdpr: "28(3)", provision, reasoning },
  });
  await queueCustomerNotices(tx, clock, who.actor, [
    {
      controllerId: row.controllerId,
      subject: subjectOf(caseId),
      data: { kind: "instruction_warning", caseId, reference, caseKind: instructionKind.label, title: row.title, provision, reasoning },
    },
  ]);
}
