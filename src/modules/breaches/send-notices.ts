import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { ROWS_PER_STATEMENT } from "../../db/batches.ts";
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
import { affectedOf, affectedPageById, countAffected, type AffectedRow } from "./affected-queries.ts";
import { insertBreachNotices, latestRounds } from "./notice-queries.ts";
import { assessmentsOf, lockOpenIncident, referenceOf, subjectOf, touchIncident, type IncidentRow } from "./queries.ts";
import { breachWords } from "./words.ts";

export interface SendResult {
  sent: number;
  initial: number;
  followUp: number;
  unchanged: number;
}

/** At most this many incomplete customers are named in the error (the check endpoint lists all). */
const NAMED = 20;

/** Affected customers per page of a round: each page's notices are written before the next page is read. */
const PAGE = ROWS_PER_STATEMENT;

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

type Problem = { customerNumber: string; fields: FieldError[] };

/** The 400 for a round with incomplete notices: how many, of how many, and what the first ones (by name) lack. */
function incompleteError(named: Problem[], incomplete: number, total: number): AppError {
  const fields = named.slice(0, NAMED).flatMap((p) => p.fields);
  return new AppError("validation", breachWords.incompleteNotices(incomplete, total, incomplete > NAMED ? NAMED : null), fields);
}

/** What a round does for one affected customer: nothing, nothing as nothing changed, a notice, or refuse (incomplete). */
type Plan = { kind: "skip" } | { kind: "unchanged" } | { kind: "problem"; problem: Problem } | { kind: "planned"; planned: Planned };

function planFor(
  incident: IncidentRow,
  customer: AffectedRow,
  last: { sequence: number; facts: StoredNoticeFacts } | null,
  options: { final?: boolean },
  message: string | null,
): Plan {
  if (options.final && !last) {
    return { kind: "skip" }; // never told: closing cannot be its first notice (closeIncident refuses that case)
  }
  const facts = customerNoticeFacts(incident, customer.facts);
  const changed = changedFacts(last?.facts ?? null, facts);
  if (last && !options.final && changed.length === 0 && message === null) {
    return { kind: "unchanged" };
  }
  const check = checkStoredFacts(facts);
  if (!check.complete) {
    const at = `customers.${customer.customerNumber}`;
    return {
      kind: "problem",
      problem: {
        customerNumber: customer.customerNumber,
        fields: [
          ...check.missing.map((m) => ({ field: `${at}.${m.key}`, message: breachWords.factMissing })),
          ...check.invalid.map((i) => ({ field: `${at}.${i.key}${i.field ? `.${i.field}` : ""}`, message: i.message })),
        ],
      },
    };
  }
  return {
    kind: "planned",
    planned: {
      controllerId: customer.controllerId,
      customerNumber: customer.customerNumber,
      facts,
      sequence: (last?.sequence ?? 0) + 1,
      stage: options.final ? "final" : last ? "follow_up" : "initial",
      changed,
      dueAt: customer.dueAt ?? addHours(incident.discoveredAt, customer.clockHours ?? DEFAULT_CLOCKS.breachNoticeHours),
      obligationId: customer.obligationStatus === "open" ? customer.obligationId : null,
    },
  };
}

/**
 * art. 6.1/6.2 and GDPR 33(4): sends a round of breach notices, one per affected customer, each with
 * every fact of art. 6.2 (its own over the shared ones). A customer not yet told gets its first
 * notice, which meets its 48-hour duty; one already told gets a follow-up saying what changed, or
 * nothing if nothing changed and the round has no message. `stage: "final"` (closing the incident)
 * goes to every customer told before, whatever changed. The round is all or nothing: if one
 * notice is incomplete, none is sent (400 naming the customers and the facts).
 *
 * Bounded memory at any size: the list is walked a page of customers at a time (by id, the order
 * their evidence streams are locked in), each page's notices, rounds and met duties written before
 * the next is read, all in the caller's one transaction. Once a customer's notice proves
 * incomplete nothing more is written; the rest is only checked, to count, and the throw rolls back
 * what the pages before wrote. `page` is the page size (tests make it small).
 */
export async function sendBreachNotices(
  tx: Db,
  clock: Clock,
  actor: EventActor & { id: string | null },
  id: string,
  options: { message?: string | null | undefined; final?: boolean },
  page: number = PAGE,
): Promise<SendResult> {
  const incident = await lockOpenIncident(tx, id);
  if (incident.decision !== "notify") {
    throw conflict(incident.decision === "pending" ? breachWords.assessFirst : breachWords.decidedNotToNotify);
  }
  const now = clock.now();
  const message = options.message?.trim() || null;
  // The list cannot change meanwhile: adding or removing a customer locks the incident too.
  const total = await countAffected(tx, id);

  const [latest] = await assessmentsOf(tx, id);
  const nature = { confidentiality: latest?.confidentiality ?? false, integrity: latest?.integrity ?? false, availability: latest?.availability ?? false };
  const reference = referenceOf(incident);
  const affectedCustomers = incident.discloseCount ? total : null;
  const subject = subjectOf(id);

  const counts = { sent: 0, initial: 0, followUp: 0, unchanged: 0, late: 0, incomplete: 0 };
  let after: string | null = null;
  for (let pages = Math.ceil(total / page) + 1; pages > 0; pages -= 1) {
    const customers = await affectedPageById(tx, id, after, page);
    if (customers.length === 0) {
      break;
    }
    after = customers.at(-1)?.controllerId ?? null;
    const previous = await latestRounds(
      tx,
      id,
      customers.map((c) => c.controllerId),
    );
    const planned: Planned[] = [];
    for (const customer of customers) {
      const plan = planFor(incident, customer, previous.get(customer.controllerId) ?? null, options, message);
      if (plan.kind === "unchanged") {
        counts.unchanged += 1;
      } else if (plan.kind === "problem") {
        counts.incomplete += 1;
      } else if (plan.kind === "planned") {
        planned.push(plan.planned);
        counts.sent += 1;
        counts[plan.planned.stage === "initial" ? "initial" : "followUp"] += 1;
        counts.late += now > plan.planned.dueAt ? 1 : 0;
      }
    }
    if (counts.incomplete === 0) {
      await writeRound(tx, clock, actor, { id, now, message, nature, reference, affectedCustomers, subject, title: incident.title }, planned);
    }
    if (customers.length < page) {
      break;
    }
  }
  if (counts.incomplete > 0) {
    throw incompleteError(await firstProblems(tx, incident, options, message, page), counts.incomplete, counts.incomplete + counts.sent);
  }

  await touchIncident(tx, id, now);
  const result: SendResult = { sent: counts.sent, initial: counts.initial, followUp: counts.followUp, unchanged: counts.unchanged };
  await recordEvent(tx, clock, {
    type: "breach.notices_sent",
    actor,
    controllerId: null,
    subject,
    data: { ...result, final: options.final ?? false, message, late: counts.late },
  });
  return result;
}

/** One page's notices: queued (with their deliveries and evidence), their rounds, and the first ones' 48-hour duties met. */
async function writeRound(
  tx: Db,
  clock: Clock,
  actor: EventActor & { id: string | null },
  round: {
    id: string;
    now: Date;
    message: string | null;
    nature: BreachNotice["nature"];
    reference: string;
    affectedCustomers: number | null;
    subject: { type: string; id: string };
    title: string;
  },
  planned: Planned[],
): Promise<void> {
  if (planned.length === 0) {
    return;
  }
  const { id, now, message } = round;
  const datas: BreachNotice[] = planned.map((p) => ({
    kind: "breach_notice",
    incidentId: id,
    reference: round.reference,
    title: round.title,
    stage: p.stage,
    sequence: p.sequence,
    facts: p.facts,
    changed: p.changed,
    message,
    nature: round.nature,
    dueAt: p.dueAt.toISOString(),
    affectedCustomers: round.affectedCustomers,
  }));
  const noticeIds = await queueCustomerNotices(
    tx,
    clock,
    actor,
    planned.map((p, i) => ({
      controllerId: p.controllerId,
      subject: round.subject,
      data: datas[i] as BreachNotice,
      evidence: {
        breach: {
          incident: round.reference,
          sequence: p.sequence,
          stage: p.stage,
          dueAt: p.dueAt.toISOString(),
          inTime: now <= p.dueAt,
          sha256: sha256(datas[i]),
        },
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
}

/**
 * The first incomplete notices of a refused round, by name as the affected list shows them (at
 * most NAMED): walked a page at a time, stopping once enough are found.
 */
async function firstProblems(tx: Db, incident: IncidentRow, options: { final?: boolean }, message: string | null, page: number): Promise<Problem[]> {
  const problems: Problem[] = [];
  let after: readonly string[] | undefined;
  for (let pages = Math.ceil((await countAffected(tx, incident.id)) / page) + 1; pages > 0 && problems.length < NAMED; pages -= 1) {
    const { rows: found } = await affectedOf(tx, incident.id, { limit: page, after });
    const customers = found.slice(0, page);
    const previous = await latestRounds(
      tx,
      incident.id,
      customers.map((c) => c.controllerId),
    );
    for (const customer of customers) {
      const plan = planFor(incident, customer, previous.get(customer.controllerId) ?? null, options, message);
      if (plan.kind === "problem" && problems.length < NAMED) {
        problems.push(plan.problem);
      }
    }
    after = customers.at(-1)?.key;
    if (found.length <= page) {
      break;
    }
  }
  return problems;
}

const sha256 = (value: unknown) =>
  createHash("sha256")
    .update(canonicalize(value) ?? "")
    .digest("hex");
