import { iso } from "../../http/schemas.ts";
import { gagActive } from "./notice-duties.ts";
import { eventLabel } from "../evidence/index.ts";
import type { gagEffortsOf, orderCustomers, OrderRow, timelineOf } from "./queries.ts";
import type { DisclosureNotice } from "./notice-kinds.ts";
import type { listStatements } from "./statement-queries.ts";
import { disclosureWords } from "./words.ts";

// What the API shows of an order (staff only), of a customer's disclosure notice, and of a statement.

export function presentOrderSummary(order: OrderRow, customers: number, notified: number) {
  return {
    id: order.id,
    reference: disclosureWords.reference(order.number),
    authority: order.authority,
    authorityKind: order.authorityKind,
    authorityKindLabel: disclosureWords.authorityKinds[order.authorityKind],
    receivedAt: order.receivedAt.toISOString(),
    decision: order.decision,
    decisionLabel: disclosureWords.decisions[order.decision],
    gag: order.gag,
    gagUntil: iso(order.gagUntil),
    gagEndedAt: iso(order.gagEndedAt),
    gagActive: gagActive(order),
    customers,
    notified,
  };
}

export function presentOrder(
  order: OrderRow,
  concerned: Awaited<ReturnType<typeof orderCustomers>>,
  efforts: Awaited<ReturnType<typeof gagEffortsOf>>,
  timeline: Awaited<ReturnType<typeof timelineOf>>,
) {
  return {
    ...presentOrderSummary(order, concerned.length, concerned.filter((c) => c.notifiedAt).length),
    legalBasis: order.legalBasis,
    dataRequested: order.dataRequested,
    reasoning: order.reasoning,
    decidedAt: iso(order.decidedAt),
    disclosedWhat: order.disclosedWhat,
    disclosedAt: iso(order.disclosedAt),
    concerned: concerned.map((c) => ({
      controllerId: c.controllerId,
      customerNumber: c.customerNumber,
      customerName: c.customerName,
      dueAt: iso(c.dueAt),
      notifiedAt: iso(c.notifiedAt),
      metInTime: c.metInTime,
    })),
    efforts: efforts.map((e) => ({ id: e.id, at: e.at.toISOString(), action: e.action, result: e.result, note: e.note })),
    timeline: timeline.map((e) => ({ ...e, at: e.at.toISOString(), typeLabel: eventLabel(e.type) })),
  };
}

export function presentCustomerNotice(row: { id: string; data: unknown; createdAt: Date }) {
  const data = row.data as DisclosureNotice;
  return {
    noticeId: row.id,
    reference: data.reference,
    authority: data.authority,
    authorityKindLabel: disclosureWords.authorityKinds[data.authorityKind],
    legalBasis: data.legalBasis,
    receivedAt: data.receivedAt,
    decisionLabel: disclosureWords.decisions[data.decision],
    disclosedAt: data.disclosedAt,
    summary: data.summary,
    sentAt: row.createdAt.toISOString(),
  };
}

export function presentStatement(row: Awaited<ReturnType<typeof listStatements>>[number]) {
  const s = row.statement;
  return {
    id: s.id,
    controllerId: s.controllerId,
    customerName: row.customerName,
    customerNumber: row.customerNumber,
    authority: s.authority,
    legalBasis: s.legalBasis,
    information: s.information,
    dueAt: iso(s.dueAt),
    note: s.note,
    statedByName: s.statedByName,
    createdAt: s.createdAt.toISOString(),
  };
}
