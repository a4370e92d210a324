import type { Static, TSchema } from "typebox";
import type { Db } from "../../db/engine.ts";
import type { DEFAULT_CLOCKS } from "../../domain/agreement-document.ts";
import type { ClockUnit } from "../../domain/legal-time.ts";
import type { LocalizedText } from "../../domain/text.ts";

/**
 * A kind of case, declared once: what the customer asks (its request schema), the clock the
 * processor answers on, the outcomes it may end with, and whether it may cost money. The case
 * mechanism (thread, clock, estimate, time and costs, outcome, evidence, notices) is the same for
 * every kind; a new kind is one of these, listed in CASE_KINDS.
 */
export interface CaseKindDefinition<S extends TSchema = TSchema> {
  kind: string;
  label: LocalizedText;
  /** The agreement's article, e.g. "2.4". */
  article: string;
  /**
   * The processor's clock to answer: the customer's agreement version's parameter where the
   * agreement has one (its unit is the parameter's), else this fixed amount.
   */
  clock: { parameter?: keyof typeof DEFAULT_CLOCKS; unit: ClockUnit; amount: number };
  /** The customer's request fields (TypeBox; validated as body.request). */
  request: S;
  /** A one-line title from the request, for lists and notices. */
  title: (request: Static<S>) => string;
  /** The service codes a request names (checked against the customer's services), if any. */
  services?: (request: Static<S>) => string[];
  /** The request's calendar dates by field (checked to exist: the pattern lets 31 November through). */
  dates?: (request: Static<S>) => Record<string, string | null>;
  /** Checks a request needs the database for (e.g. measure codes in the current Annex 2, the customer's ended agreement); throws a 400 naming the field. */
  check?: (tx: Db, request: Static<S>, controllerId: string, now: Date) => Promise<void>;
  /** How a case of this kind may end (a declined estimate ends it as "estimate_declined"). */
  outcomes: Record<string, LocalizedText>;
  /** Outcomes only the kind's own action sets (e.g. answered with the measures report), never POST /cases/{id}/close. */
  actionOutcomes?: readonly string[];
  /** Outcomes that must come with the deliverable attached. */
  deliverableOutcomes: readonly string[];
  /**
   * Whether the processor may charge (art. 2.4 "redelijke kosten"): then it answers with an
   * estimate the customer must accept before billable work, and the estimate meets the clock.
   * Without costs the clock is met when the case is closed.
   */
  costs: boolean;
}

/** Declares a kind with its request type checked against its schema. */
export function defineCaseKind<S extends TSchema>(definition: CaseKindDefinition<S>): CaseKindDefinition {
  return definition as unknown as CaseKindDefinition;
}

/** The outcome of a case whose estimate the customer declined. */
export const ESTIMATE_DECLINED = "estimate_declined";
export const ESTIMATE_DECLINED_LABEL: LocalizedText = { nl: "Offerte afgewezen", en: "Estimate declined" };
