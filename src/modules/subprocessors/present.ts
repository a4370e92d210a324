import { assessLocation, countryName } from "../../domain/transfers.ts";
import { iso } from "../../http/schemas.ts";
import type { ChangeRow } from "./change-queries.ts";
import type { ObjectionView } from "./objection-queries.ts";
import type { LocationRow, ServiceRef, SubprocessorView } from "./queries.ts";

// Rows into the response shapes of schemas.ts: only the fields listed there leave.

export function presentLocation(l: LocationRow) {
  const assessment = assessLocation({ country: l.country, mechanism: l.mechanism });
  return {
    country: l.country,
    countryName: { nl: countryName(l.country, "nl"), en: countryName(l.country, "en") },
    city: l.city,
    mechanism: l.mechanism,
    zone: assessment.zone,
    lawful: assessment.lawful,
  };
}

export function presentSubprocessor(s: SubprocessorView) {
  return {
    id: s.id,
    name: s.name,
    activity: s.activity,
    website: s.website,
    status: s.status,
    locations: s.locations.map(presentLocation),
    services: s.services,
    contract: s.contract ? { ...s.contract, uploadedAt: s.contract.uploadedAt.toISOString() } : null,
    pendingChangeId: s.pendingChangeId,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export interface ChangeContext {
  nameOf: Map<string, string>;
  serviceOf: Map<string, ServiceRef>;
  objectionsOf: Map<string, { total: number; open: number }> | null;
  mine: Map<
    string,
    { windowEndsAt: Date; templateVersion: number | null; objection: { id: string; status: "open" | "withdrawn" | "resolved" | "customer_leaves" } | null }
  > | null;
  now: Date;
}

export function presentChange(c: ChangeRow, ctx: ChangeContext) {
  const mine = ctx.mine?.get(c.id) ?? null;
  return {
    id: c.id,
    kind: c.kind,
    status: c.status,
    subprocessor: { id: c.subprocessorId, name: ctx.nameOf.get(c.subprocessorId) ?? "" },
    replaces: c.replacesId ? { id: c.replacesId, name: ctx.nameOf.get(c.replacesId) ?? "" } : null,
    plan: {
      services: c.plan.serviceIds.flatMap((id) => ctx.serviceOf.get(id) ?? []),
      locations: c.plan.locations ? c.plan.locations.map(presentLocation) : null,
    },
    description: c.description,
    announcedAt: c.announcedAt.toISOString(),
    windowClosesAt: c.windowClosesAt.toISOString(),
    effectiveAt: iso(c.effectiveAt),
    appliedAt: iso(c.appliedAt),
    withdrawnAt: iso(c.withdrawnAt),
    withdrawnReason: c.withdrawnReason,
    affectedCount: ctx.objectionsOf ? c.affectedCount : null,
    objections: ctx.objectionsOf ? (ctx.objectionsOf.get(c.id) ?? { total: 0, open: 0 }) : null,
    mine: mine
      ? {
          windowEndsAt: mine.windowEndsAt.toISOString(),
          windowOpen: c.status === "announced" && ctx.now <= mine.windowEndsAt,
          templateVersion: mine.templateVersion,
          objection: mine.objection,
        }
      : null,
  };
}

export function presentObjection(o: ObjectionView) {
  return {
    id: o.id,
    changeId: o.changeId,
    controllerId: o.controllerId,
    customerName: o.customerName,
    reason: o.reason,
    submittedAt: o.submittedAt.toISOString(),
    status: o.status,
    outcomeNote: o.outcomeNote,
    outcomeAt: iso(o.outcomeAt),
    windowEndsAt: iso(o.windowEndsAt),
    change: { kind: o.changeKind, status: o.changeStatus, subprocessorName: o.subprocessorName },
    messageCount: Number(o.messages),
  };
}
