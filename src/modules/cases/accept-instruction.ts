import type { Static } from "typebox";
import type { Db } from "../../db/engine.ts";
import { instructedPurposeTerm } from "../../domain/annex.ts";
import type { Clock } from "../../domain/clock.ts";
import type { LocalizedText } from "../../domain/text.ts";
import { conflict, invalid } from "../../http/errors.ts";
import { findServicesByCode, findTermsByCode, refreshAnnexes } from "../catalogue/index.ts";
import { recordEvent } from "../evidence/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { closeCase } from "./close-case.ts";
import { lockOpenInstruction } from "./lock-instruction.ts";
import { INSTRUCTION_ACCEPTED, instructionKind, type InstructionRequest } from "./instruction.ts";
import { insertInstructedPurpose, latestAnnexVersionOf, subjectOf } from "./queries.ts";
import { caseReference, type Who } from "./who.ts";
import { caseWords } from "./words.ts";

export interface AcceptInstructionInput {
  /** To the customer: what the processor will do, and any conditions. */
  note: string;
  /** A purpose of the catalogue (Annex 1B) the instruction comes down to… */
  termCode?: string;
  /** …or the purpose in both languages, as Annex 1 will name it. */
  labelNl?: string;
  labelEn?: string;
}

/** The purpose as Annex 1 will hold it: a catalogue purpose, or the customer's own in both languages. */
async function purposeOf(tx: Db, input: AcceptInstructionInput, reference: string): Promise<{ code: string; termCode: string | null } & LocalizedText> {
  const labelNl = input.labelNl?.trim() ?? "";
  const labelEn = input.labelEn?.trim() ?? "";
  if (input.termCode !== undefined) {
    if (labelNl !== "" || labelEn !== "") {
      throw invalid("body.termCode", caseWords.purposeEither);
    }
    const [term] = await findTermsByCode(tx, "purpose", [input.termCode]);
    if (!term) {
      throw invalid("body.termCode", caseWords.unknownPurpose);
    }
    return { code: term.code, termCode: term.code, nl: term.labelNl, en: term.labelEn };
  }
  if (labelNl === "") {
    throw invalid("body.labelNl", caseWords.required);
  }
  if (labelEn === "") {
    throw invalid("body.labelEn", caseWords.required);
  }
  return { code: `instruction-${reference.toLowerCase()}`, termCode: null, nl: labelNl, en: labelEn };
}

/**
 * Staff accept a written instruction to process for another purpose (art. 1.2, GDPR 28(3)(a)): the
 * purpose goes into the customer's Annex 1 (1B) for the services the instruction names, from its
 * date, as a new annex version (refresh-annexes.ts, reason "instruction V-…"); the case closes as
 * accepted, which meets the duty to answer; the customer is told what changed
 * (instruction_accepted, instead of case_closed). One transaction: an instruction whose purpose
 * Annex 1 already holds for those services changes nothing and is refused (409), with nothing written.
 */
export async function acceptInstruction(tx: Db, clock: Clock, who: Who, caseId: string, input: AcceptInstructionInput): Promise<{ annexVersion: number }> {
  const row = await lockOpenInstruction(tx, caseId);
  const note = input.note.trim();
  if (note === "") {
    throw invalid("body.note", caseWords.required);
  }
  const request = row.request as Static<typeof InstructionRequest>;
  const reference = caseReference(row.number, row.askedAt);
  const purpose = await purposeOf(tx, input, reference);
  await insertInstructedPurpose(tx, {
    controllerId: row.controllerId,
    caseId,
    code: purpose.code,
    termCode: purpose.termCode,
    labelNl: purpose.nl,
    labelEn: purpose.en,
    services: request.services,
    effectiveFrom: request.from,
    reference,
    acceptedAt: clock.now(),
    acceptedBy: who.userId,
  });
  const changed = await refreshAnnexes(tx, clock, who.actor, [row.controllerId], caseWords.instructionReason(reference));
  if (!changed.includes(row.controllerId)) {
    throw conflict(caseWords.alreadyInAnnex);
  }
  const annexVersion = await latestAnnexVersionOf(tx, row.controllerId);
  await closeCase(tx, clock, who, caseId, { outcome: INSTRUCTION_ACCEPTED, note, files: [] }, { byAction: true, notify: false });
  const line = instructedPurposeTerm({ ...purpose, services: request.services, from: request.from, reference });
  const services = (await findServicesByCode(tx, request.services)).map((s) => ({ nl: s.nameNl, en: s.nameEn }));
  await recordEvent(tx, clock, {
    type: "case.instruction_accepted",
    actor: who.actor,
    controllerId: row.controllerId,
    subject: subjectOf(caseId),
    data: {
      reference,
      article: instructionKind.article,
      purpose: { code: purpose.code, termCode: purpose.termCode, nl: purpose.nl, en: purpose.en },
      services: request.services,
      from: request.from,
      annexVersion,
    },
  });
  await queueCustomerNotices(tx, clock, who.actor, [
    {
      controllerId: row.controllerId,
      subject: subjectOf(caseId),
      data: {
        kind: "instruction_accepted",
        caseId,
        reference,
        caseKind: instructionKind.label,
        title: row.title,
        purpose: { nl: line.nl, en: line.en },
        services,
        from: request.from,
        annexVersion,
        note,
      },
    },
  ]);
  return { annexVersion };
}
