import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { Db } from "../../db/engine.ts";
import type { NoticeStage } from "../../db/schema/index.ts";
import { DEFAULT_CLOCKS } from "../../domain/agreement-document.ts";
import { changedFacts, type StoredNoticeFacts } from "../../domain/breach-notice.ts";
import type { Clock } from "../../domain/clock.ts";
import { addHours } from "../../domain/legal-time.ts";
import { AppError, conflict, type FieldError } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import type { BreachNotice } from "../../domain/breach-notice.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { meetObligations } from "../obligations/index.ts";
import { checkStoredFacts } from "../../domain/breach-notice.ts";
import { customerNoticeFacts } from "./notice-facts.ts";
import { affectedOf } from "./affected-queries.ts";
import { insertBreachNotices, latestRounds } from "./notice-queries.ts";
import { assessmentsOf, lockOpenIncident, referenceOf, subjectOf, touchIncident } from "./queries.ts";
import { breachWords } from "./words.ts";

export interface SendResult {
  sent: number;
  initial: number;
  followUp: number;
  unchanged: number;
}

/** At most this many incomplete customers are named in the error (the check endpoint lists all). */
const NAMED = 20;

interface Planned {
  controllerId: string;
  customerNumber: string;
  facts: StoredNoticeFacts;
  sequence: number;
  stage: NoticeStage;
  changed: ReturnType<typeof changedFacts>;
  dueAt: Date;
  obligationId: string | null;
}

/** The 400 for a round with incomplete notices: which customers, and what each lacks. */
function incompleteError(problems: { customerNumber: string; fields: FieldError[] }[], total: number): AppError {
  const named = problems.slice(0, NAMED);
  const fields = named.flatMap((p) => p.fields);
  return new AppError("validation", breachWords.incompleteNotices(problems.length, total, problems.length > NAMED ? NAMED : null), fields);
}

/**
 * art. 6.1/6.2 and GDPR 33(4): sends a round of breach notices, one per affected customer, each with
 * every fact of art. 6.2 (its own over the shared ones). A customer not yet told gets its first
 * notice, which meets its 48-hour duty; one already told gets a follow-up saying what changed, or
 * nothing if nothing changed and the round has no message. `stage: "final"` (closing the incident)
 * goes to every customer told before, whatever changed. The round is all or nothing: if one
 * notice is incomplete, none is sent (400 naming the customers and the facts).
 */
export async function sendBreachNotices(
  tx: Db,
  clock: Clock,
  actor: EventActor & { id: string | null },
  id: string,
  options: { message?: string | null | undefined; final?: boolean },
): Promise<SendResult> {
  const incident = await lockOpenIncident(tx, id);
  if (incident.decision !== "notify") {
    throw conflict(incident.decision === "pending" ? breachWords.assessFirst : breachWords.decidedNotToNotify);
  }
  const now = clock.now();
  const message = options.message?.trim() || null;
  const { rows: affected } = await affectedOf(tx, id);
  const previous = await latestRounds(tx, id);

  const planned: Planned[] = [];
  const problems: { customerNumber: string; fields: FieldError[] }[] = [];
  let unchanged = 0;
  for (const customer of affected) {
    const last = previous.get(customer.controllerId) ?? null;
    if (options.final && !last) {
      continue; // never told: closing cannot be its first notice (closeIncident refuses that case)
    }
    const facts = customerNoticeFacts(incident, customer.facts);
    const changed = changedFacts(last?.facts ?? null, facts);
    if (last && !options.final && changed.length === 0 && message === null) {
      unchanged += 1;
      continue;
    }
    const check = checkStoredFacts(facts);
    if (!check.complete) {
      const at = `customers.${customer.customerNumber}`;
      problems.push({
        customerNumber: customer.customerNumber,
        fields: [
          ...check.missing.map((m) => ({ field: `${at}.${m.key}`, message: breachWords.factMissing })),
          ...check.invalid.map((i) => ({ field: `${at}.${i.key}${i.field ? `.${i.field}` : ""}`, message: i.message })),
        ],
      });
      continue;
    }
    planned.push({
      controllerId: customer.controllerId,
      customerNumber: customer.customerNumber,
      facts,
      sequence: (last?.sequence ?? 0) + 1,
      stage: options.final ? "final" : last ? "follow_up" : "initial",
      changed,
      dueAt: customer.dueAt ?? addHours(incident.discoveredAt, customer.clockHours ?? DEFAULT_CLOCKS.breachNoticeHours),
      obligationId: customer.obligationStatus === "open" ? customer.obligationId : null,
    });
  }
  if (problems.length > 0) {
    throw incompleteError(problems, problems.length + planned.length);
  }

  const [latest] = await assessmentsOf(tx, id);
  const nature = { confidentiality: latest?.confidentiality ?? false, integrity: latest?.integrity ?? false, availability: latest?.availability ?? false };
  const reference = referenceOf(incident);
  const affectedCustomers = incident.discloseCount ? affected.length : null;
  const subject = subjectOf(id);
  const datas: BreachNotice[] = planned.map((p) => ({
    kind: "breach_notice",
    incidentId: id,
    reference,
    title: incident.title,
    stage: p.stage,
    sequence: p.sequence,
    facts: p.facts,
    changed: p.changed,
    message,
    nature,
    dueAt: p.dueAt.toISOString(),
    affectedCustomers,
  }));
  const noticeIds = await queueCustomerNotices(
    tx,
    clock,
    actor,
    planned.map((p, i) => ({
      controllerId: p.controllerId,
      subject,
      data: datas[i] as BreachNotice,
      evidence: {
        breach: { incident: reference, sequence: p.sequence, stage: p.stage, dueAt: p.dueAt.toISOString(), inTime: now <= p.dueAt, sha256: sha256(datas[i]) },
      },
    })),
  );
  await insertBreachNotices(
    tx,
    planned.map((p, i) => ({
      id: crypto.randomUUID(),
      incidentId: id,
      controllerId: p.controllerId,
      noticeId: noticeIds[i] ?? "",
      sequence: p.sequence,
      stage: p.stage,
      facts: p.facts,
      changed: p.changed,
      message,
      sentAt: now,
      sentBy: actor.id,
    })),
  );
  await meetObligations(
    tx,
    clock,
    actor,
    planned.flatMap((p) => (p.stage === "initial" && p.obligationId ? [p.obligationId] : [])),
  );
  await touchIncident(tx, id, now);
  const result: SendResult = {
    sent: planned.length,
    initial: planned.filter((p) => p.stage === "initial").length,
    followUp: planned.filter((p) => p.stage !== "initial").length,
    unchanged,
  };
  await recordEvent(tx, clock, {
    type: "breach.notices_sent",
    actor,
    controllerId: null,
    subject,
    data: { ...result, final: options.final ?? false, message, late: planned.filter((p) => now > p.dueAt).length },
  });
  return result;
}

const sha256 = (value: unknown) =>
  createHash("sha256")
    .update(canonicalize(value) ?? "")
    .digest("hex");
