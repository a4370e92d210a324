import { evidenceRecipient } from "../../domain/evidence-recipient.ts";
import type { Db } from "../../db/engine.ts";
import { batches } from "../../db/batches.ts";
import { asProcessorWithin } from "../../db/scope.ts";
import type { deliveries, StaffRole } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { recordEvents, type EventActor, type EventInput } from "../evidence/index.ts";
import type { NoticeData } from "../../db/schema/index.ts";
import { noticeKindOf } from "./kind-registry.ts";
import { noticeContentSha256 } from "./evidence-content.ts";
import {
  activeEndpointsOf,
  activeOwnersOf,
  activeStaffIn,
  customerLocales,
  insertDeliveries,
  insertDeliveryRows,
  insertNotice,
  insertNoticeRows,
  privacyContactsOf,
} from "./queue-queries.ts";

// The transactional outbox: a notice and one delivery row per recipient and channel are written in
// the transaction of the act that causes them. If the act rolls back, nothing is sent; once it
// commits, the worker (src/jobs/outbox-worker.ts) delivers every row exactly once.

export interface CustomerNoticeInput {
  controllerId: string;
  data: NoticeData;
  subject?: { type: string; id: string };
  /** More for the notice.queued event (e.g. a breach notice's round and the SHA-256 of its facts). */
  evidence?: Record<string, unknown>;
}

export interface StaffNoticeInput {
  /** The customer the notice is about, if any (it stays in that customer's evidence stream). */
  controllerId: string | null;
  roles: StaffRole[];
  data: NoticeData;
  subject?: { type: string; id: string };
}

type NewDelivery = typeof deliveries.$inferInsert;

/** insertMany takes the first row's columns for all: give every delivery the same ones. */
const withAllColumns = (row: NewDelivery): NewDelivery => ({
  status: "pending",
  attempts: 0,
  recipientName: null,
  webhookEndpointId: null,
  ...row,
});

/**
 * Queues one notice per customer, delivered to its privacy contact (art. 4.4) and its owners by
 * email, to its webhook endpoints, and shown in its portal inbox. Returns the notice ids in input
 * order. Batched: one customer or ten thousand cost a handful of statements. It holds every
 * input's notice and deliveries at once: a fan-out to any number of customers passes a page of
 * them per call (ROWS_PER_STATEMENT), in its one transaction, so memory stays bounded.
 */
export async function queueCustomerNotices(tx: Db, clock: Clock, actor: EventActor, inputs: CustomerNoticeInput[]): Promise<string[]> {
  if (inputs.length === 0) {
    return [];
  }
  const now = clock.now();
  const controllerIds = [...new Set(inputs.map((input) => input.controllerId))];
  // One after the other: a transaction is one connection.
  const localeRows = await selectInChunks(controllerIds, (ids) => customerLocales(tx, ids));
  const contactRows = await selectInChunks(controllerIds, (ids) => privacyContactsOf(tx, ids));
  const ownerRows = await selectInChunks(controllerIds, (ids) => activeOwnersOf(tx, ids));
  const endpointRows = await selectInChunks(controllerIds, (ids) => activeEndpointsOf(tx, ids));
  const localeOf = new Map(localeRows.map((row) => [row.id, row.locale]));
  const contactOf = new Map(contactRows.map((row) => [row.controllerId, row]));
  const ownersOf = groupBy(ownerRows, (row) => row.controllerId ?? "");
  const endpointsOf = groupBy(endpointRows, (row) => row.controllerId);

  const noticeRows = inputs.map((input) => ({
    id: crypto.randomUUID(),
    controllerId: input.controllerId,
    staffRoles: null,
    kind: input.data.kind,
    data: input.data,
    subjectType: input.subject?.type ?? null,
    subjectId: input.subject?.id ?? null,
    requiresAck: noticeKindOf(input.data.kind).acknowledged,
    createdAt: now,
  }));
  const deliveryRows: NewDelivery[] = [];
  for (const notice of noticeRows) {
    const controllerId = notice.controllerId;
    const locale = localeOf.get(controllerId) ?? "nl";
    const emailed = new Set<string>();
    const email = (address: string, name: string | null, role: "privacy_contact" | "owner", recipientLocale: "nl" | "en") => {
      const normalized = address.trim().toLowerCase();
      if (emailed.has(normalized)) {
        return; // one email per address, even when the contact is also an owner
      }
      emailed.add(normalized);
      deliveryRows.push({
        noticeId: notice.id,
        controllerId,
        channel: "email",
        recipient: normalized,
        recipientName: name,
        recipientRole: role,
        locale: recipientLocale,
        messageId: messageIdFor(notice.id, normalized),
        nextAttemptAt: now,
        createdAt: now,
      });
    };
    const contact = contactOf.get(controllerId);
    if (contact) {
      email(contact.email, contact.name, "privacy_contact", locale);
    }
    for (const owner of ownersOf.get(controllerId) ?? []) {
      email(owner.email, owner.name, "owner", owner.locale);
    }
    for (const endpoint of endpointsOf.get(controllerId) ?? []) {
      deliveryRows.push({
        noticeId: notice.id,
        controllerId,
        channel: "webhook",
        recipient: endpoint.url,
        recipientRole: "endpoint",
        locale,
        webhookEndpointId: endpoint.id,
        messageId: `msg_${notice.id.replaceAll("-", "")}`,
        nextAttemptAt: now,
        createdAt: now,
      });
    }
  }
  await insertNoticeRows(tx, noticeRows);
  await insertDeliveryRows(tx, deliveryRows.map(withAllColumns));
  const byNotice = groupBy(deliveryRows, (row) => row.noticeId);
  await recordEvents(
    tx,
    clock,
    noticeRows.map((notice, i) => queuedEvent(actor, notice, byNotice.get(notice.id) ?? [], inputs[i]?.evidence)),
  );
  return noticeRows.map((notice) => notice.id);
}

/**
 * Queues a notice to the processor's staff in the given roles (escalations, failing contacts,
 * objections). Also called inside a customer's transaction (its objection tells the staff): the
 * staff users are only visible in the processor's scope, so it runs in that scope and puts the
 * caller's back.
 */
export function queueStaffNotice(tx: Db, clock: Clock, actor: EventActor, input: StaffNoticeInput): Promise<string> {
  return asProcessorWithin(tx, () => writeStaffNotice(tx, clock, actor, input));
}

export interface UserNoticeInput {
  /** The one person told, by email only: a notice about their own account (e.g. it was locked). */
  user: { email: string; name: string; locale: "nl" | "en"; kind: "staff" | "customer"; controllerId: string | null };
  data: NoticeData;
  subject?: { type: string; id: string };
  /** A data subject writing to the processor (art. 8.1), not a user: the evidence names it by hash only. */
  role?: "user" | "data_subject";
}

/**
 * Queues a notice to one user about their own account: one email, in no shared inbox (its staff
 * roles are none), its evidence in the user's customer's stream (or the processor's for staff).
 */
export async function queueUserNotice(tx: Db, clock: Clock, actor: EventActor, input: UserNoticeInput): Promise<string> {
  const now = clock.now();
  const address = input.user.email.trim().toLowerCase();
  const notice = {
    id: crypto.randomUUID(),
    controllerId: input.user.controllerId,
    staffRoles: [] as StaffRole[],
    kind: input.data.kind,
    data: input.data,
    subjectType: input.subject?.type ?? null,
    subjectId: input.subject?.id ?? null,
    requiresAck: false,
    createdAt: now,
  };
  const rows: NewDelivery[] = [
    {
      noticeId: notice.id,
      controllerId: input.user.controllerId,
      channel: "email",
      recipient: address,
      recipientName: input.user.name,
      // The user about their own account: never "privacy_contact" (a failure must not mark the
      // customer's contact address failing), nor "owner" (the back-office would name a viewer so).
      recipientRole: input.role ?? "user",
      locale: input.user.locale,
      messageId: messageIdFor(notice.id, address),
      nextAttemptAt: now,
      createdAt: now,
    },
  ];
  await insertNotice(tx, notice);
  await insertDeliveries(tx, rows);
  await recordEvents(tx, clock, [queuedEvent(actor, notice, rows)]);
  return notice.id;
}

async function writeStaffNotice(tx: Db, clock: Clock, actor: EventActor, input: StaffNoticeInput): Promise<string> {
  const now = clock.now();
  const staff = await activeStaffIn(tx, input.roles);
  const notice = {
    id: crypto.randomUUID(),
    controllerId: input.controllerId,
    staffRoles: input.roles,
    kind: input.data.kind,
    data: input.data,
    subjectType: input.subject?.type ?? null,
    subjectId: input.subject?.id ?? null,
    requiresAck: false,
    createdAt: now,
  };
  const rows: NewDelivery[] = staff.map((member) => ({
    noticeId: notice.id,
    controllerId: input.controllerId,
    channel: "email",
    recipient: member.email.toLowerCase(),
    recipientName: member.name,
    recipientRole: "staff",
    locale: member.locale,
    messageId: messageIdFor(notice.id, member.email.toLowerCase()),
    nextAttemptAt: now,
    createdAt: now,
  }));
  await insertNotice(tx, notice);
  await insertDeliveries(tx, rows);
  await recordEvents(tx, clock, [queuedEvent(actor, notice, rows)]);
  return notice.id;
}

function queuedEvent(
  actor: EventActor,
  notice: {
    id: string;
    controllerId: string | null;
    kind: string;
    data: NoticeData;
    subjectType: string | null;
    subjectId: string | null;
    staffRoles: StaffRole[] | null;
  },
  mine: NewDelivery[],
  evidence?: Record<string, unknown>,
): EventInput {
  return {
    type: "notice.queued",
    actor,
    controllerId: notice.controllerId,
    subject: { type: "notice", id: notice.id },
    data: {
      kind: notice.kind,
      about: notice.subjectType ? { type: notice.subjectType, id: notice.subjectId } : null,
      audience: notice.staffRoles ? (notice.staffRoles.length > 0 ? { staff: notice.staffRoles } : "user") : "customer",
      recipients: mine.map((row) => ({ channel: row.channel, to: evidenceRecipient(row.recipientRole, row.recipient), role: row.recipientRole })),
      // The evidence bundle's notices/<id>/content.json is checked against it.
      contentSha256: noticeContentSha256(notice.data),
      ...evidence,
    },
  };
}

/**
 * The Message-ID of a notice's email to one address: the same on every retry, so a receiving
 * system can recognise a repeat, and unique per recipient.
 */
export function messageIdFor(noticeId: string, address: string): string {
  let hash = 0;
  for (const char of address) {
    hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  }
  return `<${noticeId}.${(hash >>> 0).toString(36)}@art28>`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) {
      group.push(item);
    } else {
      groups.set(k, [item]);
    }
  }
  return groups;
}

async function selectInChunks<T>(ids: string[], select: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const chunk of batches(ids)) {
    out.push(...(await select(chunk)));
  }
  return out;
}
