import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict } from "../../http/errors.ts";
import { recordEvent } from "../evidence/index.ts";
import type { ReceivedFile } from "../threads/index.ts";
import { auditForAct, subjectOf, tellOtherParty } from "./act.ts";
import { insertExpert, insertFile, supersedeProposals } from "./queries.ts";
import type { AuditWho } from "./who.ts";
import { auditWords } from "./words.ts";

export interface ExpertProposal {
  name: string;
  firm: string;
  /** The expert's confidentiality undertaking (art. 10.1), kept byte for byte with its SHA-256. */
  undertaking: ReceivedFile;
}

/**
 * art. 10.1: either party proposes an independent expert bound to confidentiality: name, firm and
 * the signed confidentiality undertaking. A proposal replaces the open one (a counter-proposal);
 * once an expert is agreed there is nothing left to propose (409).
 */
export async function proposeExpert(tx: Db, clock: Clock, who: AuditWho, auditId: string, input: ExpertProposal): Promise<string> {
  const open = await auditForAct(tx, auditId);
  if (open.audit.expertId !== null) {
    throw conflict(auditWords.expertAgreedAlready);
  }
  const now = clock.now();
  const file = input.undertaking;
  const fileId = await insertFile(tx, {
    auditId,
    controllerId: open.audit.controllerId,
    fileName: file.fileName,
    mediaType: file.mediaType,
    size: file.bytes.length,
    sha256: file.sha256,
    content: file.bytes,
    uploadedByName: who.name,
    uploadedAt: now,
  });
  const expert = await insertExpert(tx, {
    auditId,
    controllerId: open.audit.controllerId,
    side: who.side,
    name: input.name,
    firm: input.firm,
    fileId,
    proposedByName: who.name,
    proposedAt: now,
  });
  await supersedeProposals(tx, auditId, expert.id);
  await recordEvent(tx, clock, {
    type: "audit.expert_proposed",
    actor: who.actor,
    controllerId: open.audit.controllerId,
    subject: subjectOf(auditId),
    data: {
      reference: open.reference,
      expertId: expert.id,
      side: who.side,
      name: input.name,
      firm: input.firm,
      undertaking: { fileId, fileName: file.fileName, size: file.bytes.length, sha256: file.sha256 },
    },
  });
  await tellOtherParty(tx, clock, who, open, "expert_proposed");
  return expert.id;
}
