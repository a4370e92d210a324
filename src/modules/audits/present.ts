import type { AuditSide } from "../../db/schema/index.ts";
import { iso } from "../../http/schemas.ts";
import type { ActionRow, AuditRow, CostRow, ExpertRow, FileMeta, FindingRow, InformationRequestRow } from "./queries.ts";
import { auditReference } from "./who.ts";
import { auditWords } from "./words.ts";

// What the API shows of an audit: to the two parties only (the routes' audience, art. 9.1).

function stageOf(audit: AuditRow) {
  if (audit.status === "refused") {
    return "refused" as const;
  }
  if (audit.dateAgreedAt !== null) {
    return "scheduled" as const;
  }
  return audit.expertId !== null ? ("expert_agreed" as const) : ("requested" as const);
}

export function presentAuditSummary(audit: AuditRow, customerName: string) {
  const stage = stageOf(audit);
  return {
    id: audit.id,
    reference: auditReference(audit),
    controllerId: audit.controllerId,
    customerName,
    status: audit.status,
    stage,
    stageLabel: auditWords.stages[stage],
    requestedAt: audit.requestedAt.toISOString(),
    earliestAt: audit.earliestAt.toISOString(),
    dateAt: iso(audit.dateAt),
    dateAgreed: audit.dateAgreedAt !== null,
  };
}

const presentFile = (file: FileMeta) => ({
  id: file.id,
  fileName: file.fileName,
  mediaType: file.mediaType,
  size: file.size,
  sha256: file.sha256,
  uploadedAt: file.uploadedAt.toISOString(),
  uploadedByName: file.uploadedByName,
});

export interface AuditParts {
  experts: ExpertRow[];
  files: FileMeta[];
  requests: InformationRequestRow[];
  findings: FindingRow[];
  actions: ActionRow[];
  costs: CostRow[];
}

export function presentAudit(audit: AuditRow, customerName: string, parts: AuditParts, now: Date, yourSide: AuditSide) {
  const fileById = new Map(parts.files.map((f) => [f.id, f]));
  return {
    ...presentAuditSummary(audit, customerName),
    reason: audit.reason,
    requestedByName: audit.requestedByName,
    refusal: audit.refusal,
    refusedAt: iso(audit.refusedAt),
    refusedByName: audit.refusedByName,
    dateProposedBy: audit.dateProposedBy,
    dateAgreedAt: iso(audit.dateAgreedAt),
    expertId: audit.expertId,
    experts: parts.experts.map((e) => {
      const file = fileById.get(e.fileId);
      return {
        id: e.id,
        side: e.side,
        name: e.name,
        firm: e.firm,
        status: e.status,
        proposedByName: e.proposedByName,
        proposedAt: e.proposedAt.toISOString(),
        decidedAt: iso(e.decidedAt),
        undertaking: file ? presentFile(file) : null,
      };
    }),
    informationRequests: parts.requests.map((r) => ({
      id: r.id,
      askedBy: r.askedBy,
      question: r.question,
      askedByName: r.askedByName,
      askedAt: r.askedAt.toISOString(),
      dueAt: r.dueAt.toISOString(),
      overdue: r.answeredAt === null && r.dueAt.getTime() < now.getTime(),
      answer: r.answer,
      answeredAt: iso(r.answeredAt),
      answeredByName: r.answeredByName,
      inTime: r.inTime,
      files: parts.files.filter((f) => f.informationRequestId === r.id).map(presentFile),
    })),
    findings: parts.findings.map((f) => ({
      id: f.id,
      title: f.title,
      description: f.description,
      assessment: f.assessment,
      side: f.side,
      recordedByName: f.recordedByName,
      recordedAt: f.recordedAt.toISOString(),
      agreedAt: iso(f.agreedAt),
      agreedByName: f.agreedByName,
    })),
    actions: parts.actions.map((a) => ({
      id: a.id,
      findingId: a.findingId,
      description: a.description,
      carriedBy: a.carriedBy,
      carriedByLabel: auditWords.carriers[a.carriedBy],
      owner: a.owner,
      dueDate: a.dueDate,
      dueAt: a.dueAt.toISOString(),
      overdue: a.doneAt === null && a.dueAt.getTime() < now.getTime(),
      doneAt: iso(a.doneAt),
      doneByName: a.doneByName,
      inTime: a.inTime,
    })),
    costs: parts.costs.map((c) => ({
      id: c.id,
      description: c.description,
      costDate: c.costDate,
      amountCents: c.amountCents,
      currency: c.currency,
      recordedByName: c.recordedByName,
      recordedAt: c.recordedAt.toISOString(),
      exported: c.exportId !== null,
    })),
    costsTotalCents: parts.costs.reduce((sum, c) => sum + c.amountCents, 0),
    yourSide,
  };
}
