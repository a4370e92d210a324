import type { Db } from "../../db/engine.ts";
import {
  BREACH_FACT_KEYS,
  changedFacts,
  mergeNoticeFacts,
  type CustomerNoticeFacts,
  type NoticeFacts,
  type StoredNoticeFacts,
} from "../../domain/breach-notice.ts";
import type { Clock } from "../../domain/clock.ts";
import { notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { findAffected, setCustomerFacts } from "./affected-queries.ts";
import { lockOpenIncident, setSharedFacts, subjectOf, type IncidentRow } from "./queries.ts";
import { breachWords } from "./words.ts";

/**
 * The facts of one customer's notice as it would go out now: its own facts over the shared ones,
 * and the incident's discovery instant (every customer's clock runs from that one instant).
 */
export function customerNoticeFacts(incident: Pick<IncidentRow, "facts" | "discoveredAt">, own: StoredNoticeFacts): StoredNoticeFacts {
  const merged = mergeNoticeFacts(incident.facts as NoticeFacts, own as CustomerNoticeFacts) as StoredNoticeFacts;
  return { ...merged, discoveredAt: { status: "known", value: incident.discoveredAt.toISOString() } };
}

/** Only the facts of art. 6.2, without discoveredAt (it follows the incident) and without empty ones. */
function clean(facts: StoredNoticeFacts): StoredNoticeFacts {
  const out: Record<string, unknown> = {};
  for (const key of BREACH_FACT_KEYS) {
    const fact = facts[key];
    if (key !== "discoveredAt" && fact !== undefined && fact !== null) {
      out[key] = fact;
    }
  }
  return out as StoredNoticeFacts;
}

/** Replaces the facts every affected customer's notice shares (art. 6.2). Saving never sends. */
export async function saveSharedFacts(tx: Db, clock: Clock, actor: EventActor, id: string, facts: StoredNoticeFacts): Promise<void> {
  const incident = await lockOpenIncident(tx, id);
  const next = clean(facts);
  const changed = changedFacts(incident.facts, next);
  await setSharedFacts(tx, id, next, clock.now());
  await recordEvent(tx, clock, { type: "incident.facts_saved", actor, controllerId: null, subject: subjectOf(id), data: { scope: "shared", changed } });
}

/**
 * Replaces one customer's own facts (its counts, its kinds of data, ...): each one it has replaces
 * the shared fact in its notice; one it lacks falls back to the shared fact.
 */
export async function saveCustomerFacts(tx: Db, clock: Clock, actor: EventActor, id: string, controllerId: string, facts: StoredNoticeFacts): Promise<void> {
  await lockOpenIncident(tx, id);
  const row = await findAffected(tx, id, controllerId);
  if (!row) {
    throw notFound(breachWords.noun.customer);
  }
  const next = clean(facts);
  await setCustomerFacts(tx, id, controllerId, next);
  await recordEvent(tx, clock, {
    type: "incident.facts_saved",
    actor,
    controllerId: null,
    subject: subjectOf(id),
    data: { scope: "customer", controllerId, changed: changedFacts(row.facts, next), facts: Object.keys(next) },
  });
}
