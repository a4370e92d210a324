import type { billingExports, caseEntries, caseEstimates } from "../../db/schema/index.ts";
import { dutyClock } from "../../domain/legal-time.ts";
import { iso } from "../../http/schemas.ts";
import type { BillableItemRow } from "./billing-queries.ts";
import { caseKindOf } from "./case-kinds.ts";
import { ESTIMATE_DECLINED, ESTIMATE_DECLINED_LABEL, type CaseKindDefinition } from "./kinds.ts";
import type { CaseView } from "./queries.ts";
import { caseReference } from "./who.ts";

// What the API shows of a case, its estimates and entries, and the billable items.

export const outcomesOf = (definition: CaseKindDefinition) =>
  Object.entries(definition.outcomes).map(([code, label]) => ({ code, label, deliverable: definition.deliverableOutcomes.includes(code) }));

export function presentCase(row: CaseView, now: Date) {
  const definition = caseKindOf(row.kind);
  const outcomeLabel =
    row.outcome === null
      ? null
      : row.outcome === ESTIMATE_DECLINED
        ? ESTIMATE_DECLINED_LABEL
        : (definition.outcomes[row.outcome] ?? { nl: row.outcome, en: row.outcome });
  return {
    id: row.id,
    reference: caseReference(row.number, row.askedAt),
    kind: row.kind,
    kindLabel: definition.label,
    article: definition.article,
    controllerId: row.controllerId,
    customerName: row.customerName,
    title: row.title,
    status: row.status,
    askedByName: row.askedByName,
    askedAt: row.askedAt.toISOString(),
    dueAt: iso(row.dueAt),
    clock: dutyClock(row, now),
    outcome: row.outcome,
    outcomeLabel,
    closedAt: iso(row.closedAt),
    messageCount: Number(row.messageCount),
  };
}

export function presentEstimate(e: typeof caseEstimates.$inferSelect) {
  return {
    id: e.id,
    method: e.method,
    hoursHundredths: e.hoursHundredths,
    hourlyRateCents: e.hourlyRateCents,
    totalCents: e.totalCents,
    currency: e.currency,
    description: e.description,
    status: e.status,
    proposedAt: e.proposedAt.toISOString(),
    decidedAt: iso(e.decidedAt),
    decidedByName: e.decidedByName,
  };
}

export function presentEntry(e: typeof caseEntries.$inferSelect) {
  return {
    id: e.id,
    type: e.type,
    description: e.description,
    workDate: e.workDate,
    minutes: e.minutes,
    rateCents: e.rateCents,
    amountCents: e.amountCents,
    currency: e.currency,
    billable: e.billable,
    creditsId: e.creditsId,
    createdAt: e.createdAt.toISOString(),
    billableAt: iso(e.billableAt),
    voidedAt: iso(e.voidedAt),
    voidReason: e.voidReason,
    exported: e.exportId !== null,
  };
}

export function presentItem(row: BillableItemRow) {
  return {
    id: row.id,
    caseId: row.caseId,
    caseReference: caseReference(row.caseNumber, row.caseAskedAt),
    caseKind: row.caseKind,
    caseTitle: row.caseTitle,
    controllerId: row.controllerId,
    customerName: row.customerName,
    type: row.type,
    description: row.description,
    workDate: row.workDate,
    minutes: row.minutes,
    rateCents: row.rateCents,
    amountCents: row.amountCents,
    currency: row.currency,
    creditsId: row.creditsId,
    billableAt: (row.billableAt ?? new Date(0)).toISOString(),
    voided: row.voidedAt !== null,
    exportId: row.exportId,
    exportedAt: iso(row.exportedAt),
  };
}

export function presentExport(row: typeof billingExports.$inferSelect) {
  return {
    id: row.id,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    itemCount: row.itemCount,
    totalCents: row.totalCents,
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdByName,
  };
}
