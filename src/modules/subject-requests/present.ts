import type { SubjectRequestOutcome, SubjectRequestSource, SubjectRight } from "../../db/schema/index.ts";
import { dutyClock } from "../../domain/legal-time.ts";
import { iso } from "../../http/schemas.ts";
import type { SubjectRequestView } from "./queries.ts";
import { requestReference } from "./reference.ts";
import { subjectRequestWords as W } from "./words.ts";

// What the API shows of a data subject's request: the skeleton to everyone who may see it; the
// content (the requester's personal data) in the detail only, until it is erased.

export function presentRequest(row: SubjectRequestView, now: Date) {
  return {
    id: row.id,
    reference: requestReference(row.number, row.receivedAt),
    source: row.source,
    sourceLabel: W.source[row.source as SubjectRequestSource],
    right: row.right,
    rightLabel: W.right[row.right as SubjectRight],
    status: row.status,
    receivedAt: row.receivedAt.toISOString(),
    dueAt: iso(row.dueAt),
    clock: dutyClock(row, now),
    controllerId: row.controllerId,
    customerName: row.customerName,
    forwardedAt: iso(row.forwardedAt),
    outcome: row.outcome,
    outcomeLabel: row.outcome === null ? null : W.outcome[row.outcome as SubjectRequestOutcome],
    closedAt: iso(row.closedAt),
    eraseAfter: iso(row.eraseAfter),
    erasedAt: iso(row.erasedAt),
  };
}
