import { addHours, dutyClock } from "../../domain/legal-time.ts";
import { DEFAULT_NOTICE_HOURS } from "../../domain/default-notice.ts";
import type { CapDerivation } from "../../domain/liability-cap.ts";
import { eventLabel } from "../evidence/index.ts";
import { directCents } from "./record-claim.ts";
import type { ClaimListed, ClaimRow, DefaultNoticeListed, timelineOf } from "./queries.ts";
import { claimWords } from "./words.ts";

// What the API shows of a notice of default, a claim, its event and its cap. Only the two parties
// reach these (the routes' audience, row-level security).

type Timeline = Awaited<ReturnType<typeof timelineOf>>;
const presentTimeline = (timeline: Timeline) =>
  timeline.map((e) => ({ type: e.type, typeLabel: eventLabel(e.type), occurredAt: e.occurredAt.toISOString(), actorLabel: e.actorLabel }));

export function presentDefaultNotice(row: DefaultNoticeListed, timeline: Timeline, now: Date) {
  const n = row.notice;
  return {
    id: n.id,
    reference: claimWords.noticeReference(n.number),
    controllerId: n.controllerId,
    customerName: row.customerName,
    description: n.description,
    learnedAt: n.learnedAt.toISOString(),
    givenAt: n.givenAt.toISOString(),
    givenByName: n.givenByName,
    deadline: addHours(n.learnedAt, DEFAULT_NOTICE_HOURS).toISOString(),
    elapsedMinutes: n.elapsedMinutes,
    late: n.late,
    lateText: n.late ? claimWords.lateFact : null,
    cure: {
      proposedDate: n.cureProposedDate,
      proposedBy: n.cureProposedBy,
      proposedByName: n.cureProposedByName,
      proposedAt: n.cureProposedAt?.toISOString() ?? null,
      agreedDate: n.cureAgreedDate,
      agreedAt: n.cureAgreedAt?.toISOString() ?? null,
      agreedByName: n.cureAgreedByName,
      dueAt: row.cureDueAt?.toISOString() ?? null,
      clock: dutyClock({ obligationStatus: row.cureStatus, dueAt: row.cureDueAt, metInTime: row.cureMetInTime }, now),
      curedAt: n.curedAt?.toISOString() ?? null,
      curedNote: n.curedNote,
    },
    timeline: presentTimeline(timeline),
  };
}

export function presentClaimSummary(row: ClaimListed) {
  const c = row.claim;
  return {
    id: c.id,
    reference: claimWords.claimReference(c.number),
    controllerId: c.controllerId,
    customerName: row.customerName,
    eventReference: claimWords.eventReference(row.event.number),
    description: c.description,
    arisenAt: c.arisenAt.toISOString(),
    lapsesAt: c.lapsesAt.toISOString(),
    specifiedAt: c.specifiedAt?.toISOString() ?? null,
    directCents: directCents(c),
    indirectCents: c.indirectCents,
    createdAt: c.createdAt.toISOString(),
  };
}

export function presentClaim(
  row: ClaimListed,
  context: { eventClaims: ClaimRow[]; cap: CapDerivation; notice: { id: string; number: number } | null; timeline: Timeline; staff: boolean; now: Date },
) {
  const c = row.claim;
  const e = row.event;
  const applies = e.intentAssessment !== "indicated";
  return {
    ...presentClaimSummary(row),
    defaultNotice: context.notice ? { id: context.notice.id, reference: claimWords.noticeReference(context.notice.number) } : null,
    damages: {
      propertyDamageCents: c.propertyDamageCents,
      defaultCostsCents: c.defaultCostsCents,
      assessmentCostsCents: c.assessmentCostsCents,
      mitigationCostsCents: c.mitigationCostsCents,
      indirectCents: c.indirectCents,
    },
    recordedByName: c.recordedByName,
    // art. 11.6: specified and explicitly reported (it does not lapse), running, or lapsed.
    lapseClock: (c.specifiedAt ? "specified" : context.now.getTime() > c.lapsesAt.getTime() ? "lapsed" : "running") as "specified" | "lapsed" | "running",
    event: {
      id: e.id,
      reference: claimWords.eventReference(e.number),
      description: e.description,
      occurredAt: e.occurredAt.toISOString(),
      // art. 11.4: the processor's own assessment, for its staff.
      intent: context.staff
        ? {
            assessment: e.intentAssessment,
            label: claimWords.intent[e.intentAssessment],
            note: e.intentNote,
            assessedAt: e.intentAssessedAt?.toISOString() ?? null,
            assessedByName: e.intentAssessedByName,
          }
        : null,
      claims: context.eventClaims.map((other) => ({ id: other.id, reference: claimWords.claimReference(other.number), directCents: directCents(other) })),
      directClaimedCents: context.eventClaims.reduce((sum, other) => sum + directCents(other), 0),
      cap: {
        month: context.cap.month,
        monthStart: context.cap.monthStart.toISOString(),
        monthEnd: context.cap.monthEnd.toISOString(),
        source: context.cap.source,
        sourceLabel: claimWords.capSources[context.cap.source],
        lines: context.cap.lines,
        capCents: context.cap.capCents,
        applies,
        note: claimWords.capNote,
      },
    },
    timeline: presentTimeline(context.timeline),
  };
}
