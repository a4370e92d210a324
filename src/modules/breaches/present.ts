import type { Db } from "../../db/engine.ts";
import { DEFAULT_CLOCKS } from "../../domain/agreement-document.ts";
import type { StoredNoticeFacts } from "../../domain/breach-notice.ts";
import { addHours, metInTime } from "../../domain/legal-time.ts";
import { iso } from "../../http/schemas.ts";
import { checkStoredFacts } from "../../domain/breach-notice.ts";
import { customerNoticeFacts } from "./notice-facts.ts";
import { affectedFactsCounts, affectedOf, type AffectedPage, type AffectedRow } from "./affected-queries.ts";
import { roundsOf, type RoundRow } from "./notice-queries.ts";
import { assessmentsOf, becauseNames, countsOf, referenceOf, serviceNames, subprocessorNames, type IncidentCounts, type IncidentRow } from "./queries.ts";

/** The default deadline: discovery + the agreement's hours (each customer's own is on its row). */
const defaultDue = (incident: IncidentRow) => addHours(incident.discoveredAt, DEFAULT_CLOCKS.breachNoticeHours);

export function presentSummary(incident: IncidentRow, counts: IncidentCounts | undefined) {
  return {
    id: incident.id,
    reference: referenceOf(incident),
    title: incident.title,
    status: incident.status,
    decision: incident.decision,
    discoveredAt: incident.discoveredAt.toISOString(),
    dueAt: defaultDue(incident).toISOString(),
    ongoing: incident.ongoing,
    affected: counts?.affected ?? 0,
    notified: counts?.notified ?? 0,
    overdue: counts?.overdue ?? 0,
    closedAt: iso(incident.closedAt),
  };
}

export async function presentIncident(tx: Db, incident: IncidentRow, now: Date) {
  const counts = (await countsOf(tx, [incident.id], now)).get(incident.id);
  const assessments = await assessmentsOf(tx, incident.id);
  // Each distinct set of a customer's own facts checked once (most customers have none of their own).
  const factSets = await affectedFactsCounts(tx, incident.id);
  let ready = 0;
  let affected = 0;
  for (const { facts, customers } of factSets) {
    affected += customers;
    if (checkStoredFacts(customerNoticeFacts(incident, facts)).complete) {
      ready += customers;
    }
  }
  const shared = customerNoticeFacts(incident, {});
  return {
    ...presentSummary(incident, counts),
    description: incident.description,
    startedAt: iso(incident.startedAt),
    endedAt: iso(incident.endedAt),
    discoveryHow: incident.discoveryHow,
    systems: incident.systems,
    services: await serviceNames(tx, incident.serviceIds),
    subprocessors: await subprocessorNames(tx, incident.subprocessorIds),
    discloseCount: incident.discloseCount,
    facts: shared,
    sharedCheck: checkStoredFacts(shared),
    assessments: assessments.map((a) => ({
      id: a.id,
      revision: a.revision,
      personalData: a.personalData,
      breach: a.breach,
      confidentiality: a.confidentiality,
      integrity: a.integrity,
      availability: a.availability,
      risk: a.risk,
      decision: a.decision,
      reasoning: a.reasoning,
      decidedBy: a.decidedByName,
      decidedAt: a.decidedAt.toISOString(),
    })),
    closingSummary: incident.closingSummary,
    recordedBy: incident.recordedBy,
    createdAt: incident.createdAt.toISOString(),
    updatedAt: incident.updatedAt.toISOString(),
    ready,
    incomplete: affected - ready,
  };
}

/** One affected customer's row on the incident page: its clock, its notice's completeness, its rounds. */
export async function presentAffected(tx: Db, incident: IncidentRow, page: AffectedPage, now: Date) {
  const { total, rows: found } = await affectedOf(tx, incident.id, page);
  const rows = found.slice(0, page.limit);
  const last = rows.at(-1);
  const next = found.length > page.limit && last ? last.key : null;
  const rounds = await roundsOf(
    tx,
    incident.id,
    rows.map((r) => r.controllerId),
  );
  const byCustomer = new Map<string, RoundRow[]>();
  for (const round of rounds) {
    const own = byCustomer.get(round.controllerId);
    if (own) {
      own.push(round);
    } else {
      byCustomer.set(round.controllerId, [round]);
    }
  }
  const namesOf = await becauseNames(
    tx,
    rows.map((r) => r.because),
  );
  return {
    total,
    customers: rows.map((row) => presentAffectedRow(incident, row, byCustomer.get(row.controllerId) ?? [], namesOf, now)),
    /** The key of the last customer shown when there are more (the route answers it as the cursor `next`). */
    nextKey: next,
  };
}

function presentAffectedRow(incident: IncidentRow, row: AffectedRow, rounds: RoundRow[], namesOf: Awaited<ReturnType<typeof becauseNames>>, now: Date) {
  const due = row.dueAt ?? defaultDue(incident);
  const first = rounds[0];
  const notified = first?.sentAt ?? null;
  return {
    controllerId: row.controllerId,
    name: row.name,
    customerNumber: row.customerNumber,
    source: row.source,
    ...namesOf(row.because),
    dueAt: due.toISOString(),
    clockHours: row.clockHours ?? DEFAULT_CLOCKS.breachNoticeHours,
    templateVersion: row.templateVersion,
    obligationId: row.obligationId,
    ownFacts: withoutDiscovery(row.facts),
    check: checkStoredFacts(customerNoticeFacts(incident, row.facts)),
    notifiedAt: iso(notified),
    deliveredAt: iso(first?.deliveredAt),
    held: first?.held === true && !first.deliveredAt,
    openedAt: iso(first?.openedAt),
    acknowledgedAt: iso(first?.acknowledgedAt),
    sentInTime: notified ? metInTime(due, notified) : null,
    deliveredInTime: first?.deliveredAt ? metInTime(due, first.deliveredAt) : now > due ? false : null,
    overdue: !notified && incident.decision !== "no_notify" && now > due,
    notices: rounds.map((r) => ({
      id: r.id,
      noticeId: r.noticeId,
      sequence: r.sequence,
      stage: r.stage,
      sentAt: r.sentAt.toISOString(),
      deliveredAt: iso(r.deliveredAt),
      held: r.held && !r.deliveredAt,
      openedAt: iso(r.openedAt),
      acknowledgedAt: iso(r.acknowledgedAt),
      changed: r.changed,
    })),
  };
}

function withoutDiscovery(facts: StoredNoticeFacts): StoredNoticeFacts {
  const { discoveredAt: _discoveredAt, ...rest } = facts;
  return rest;
}
