import type { Static } from "typebox";
import type { Db } from "../../db/engine.ts";
import { iso } from "../../http/schemas.ts";
import { certificatesOf, holdsOf, linesOf, listEndings, returnRequestsOf, type EndingListFilter, type EndingRow } from "./queries.ts";
import type { Ending, EndingSummary } from "./schemas.ts";
import { endingWords } from "./words.ts";

const when = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

/** A customer's ended agreement as the API shows it: plan lines, holds, certificates and return requests. */
export async function presentEnding(tx: Db, ending: EndingRow, now: Date): Promise<Static<typeof Ending>> {
  const lines = await linesOf(tx, ending.id);
  const holds = await holdsOf(tx, ending.id);
  const certificates = await certificatesOf(tx, ending.id);
  const returns = await returnRequestsOf(tx, ending.controllerId);
  return {
    id: ending.id,
    reference: endingWords.reference(ending.number),
    endedAt: ending.endedAt.toISOString(),
    source: ending.source,
    services: ending.services,
    planDueAt: ending.planDueAt.toISOString(),
    planOverdue: ending.completedAt === null && now > ending.planDueAt,
    portalClosesAt: ending.portalClosesAt.toISOString(),
    portalClosedAt: iso(ending.portalClosedAt),
    completedAt: iso(ending.completedAt),
    lines: lines.map((l) => ({
      id: l.id,
      party: l.party,
      system: { nl: l.systemNl, en: l.systemEn },
      category: { nl: l.categoryNl, en: l.categoryEn },
      deletedAt: iso(l.deletedAt),
      method: l.method,
      confirmedByName: l.confirmedByName,
      confirmedAt: iso(l.confirmedAt),
      attachment:
        l.attachmentSha256 && l.attachmentName && l.attachmentAt
          ? { fileName: l.attachmentName, sha256: l.attachmentSha256, at: l.attachmentAt.toISOString() }
          : null,
    })),
    holds: holds.map((h) => ({
      id: h.id,
      data: h.data,
      legalGround: h.legalGround,
      capacity: h.capacity,
      endsOn: h.endsOn,
      endsAt: h.endsAt.toISOString(),
      ended: now >= h.endsAt,
      remindedAt: iso(h.remindedAt),
      deletedAt: iso(h.deletedAt),
      method: h.method,
      releasedByName: h.releasedByName,
      createdByName: h.createdByName,
    })),
    certificates: certificates.map((c) => ({
      id: c.id,
      number: c.number,
      kind: c.kind,
      issuedAt: c.issuedAt.toISOString(),
      sha256: c.sha256,
      locale: c.locale,
    })),
    returnRequests: returns.map((r) => ({
      id: r.id,
      status: r.status,
      askedAt: when(r.asked_at),
      neededBy: typeof r.request.neededBy === "string" ? r.request.neededBy : null,
    })),
    returnPossible: lines.every((l) => l.confirmedAt === null),
  };
}

/** A page of ended agreements for staff, newest first (listEndings). */
export async function presentEndings(
  tx: Db,
  filter: EndingListFilter,
): Promise<{ items: (Static<typeof EndingSummary> & { key: string[] })[]; total: number; exact: boolean }> {
  const { items, total, exact } = await listEndings(tx, filter);
  return {
    total,
    exact,
    items: items.map((r) => ({
      id: r.ending.id,
      controllerId: r.ending.controllerId,
      reference: endingWords.reference(r.ending.number),
      customerName: r.customerName,
      customerNumber: r.customerNumber,
      endedAt: r.ending.endedAt.toISOString(),
      planDueAt: r.ending.planDueAt.toISOString(),
      planOverdue: r.ending.completedAt === null && filter.now > r.ending.planDueAt,
      lines: Number(r.lines),
      confirmed: Number(r.confirmed),
      openHolds: Number(r.openHolds),
      completedAt: iso(r.ending.completedAt),
      portalClosesAt: r.ending.portalClosesAt.toISOString(),
      portalClosedAt: iso(r.ending.portalClosedAt),
      key: r.key,
    })),
  };
}
