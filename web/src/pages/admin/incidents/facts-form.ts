import type { TFunction } from "i18next";
import type { BreachFacts, FactsBody } from "../../../api/types";
import { SETTABLE_FACT_KEYS, type SettableFactKey } from "../../../lib/breach-facts";
import { instantToLocal, localToInstant } from "../../../lib/zoned";

/**
 * The notice form's state: each art. 6.2 fact is known (with what the inputs hold), explicitly
 * not yet known (with an optional reason), or not filled in — for a customer's own facts, "as
 * shared". Switching a fact's state keeps what was typed, so nothing is lost by a wrong click.
 */
export type FactMode = "known" | "unknown" | "empty";

export interface FactInputs {
  cause: string;
  consequences: string;
  solution: string;
  contact: { name: string; email: string; phone: string };
  affectedCount: { kind: "exact" | "range"; count: string; min: string; max: string };
  subjectGroup: string;
  /** One kind a line. */
  dataKinds: string;
  /** datetime-local values in the processor's zone. */
  period: { start: string; end: string; ongoing: boolean };
  unintelligible: { state: "" | "yes" | "no" | "partly"; description: string };
  measuresTaken: string;
  measuresPlanned: string;
}

export interface FactDraft<K extends SettableFactKey> {
  mode: FactMode;
  value: FactInputs[K];
  reason: string;
}
export type FactsDraft = { [K in SettableFactKey]: FactDraft<K> };
/** Problems per fact, from this form or the server. */
export type FactErrors = Partial<Record<SettableFactKey, string[]>>;

const EMPTY: FactInputs = {
  cause: "",
  consequences: "",
  solution: "",
  contact: { name: "", email: "", phone: "" },
  affectedCount: { kind: "exact", count: "", min: "", max: "" },
  subjectGroup: "",
  dataKinds: "",
  period: { start: "", end: "", ongoing: false },
  unintelligible: { state: "", description: "" },
  measuresTaken: "",
  measuresPlanned: "",
};

type Stored = FactsBody | BreachFacts;
type KnownValue<K extends SettableFactKey> = Extract<NonNullable<FactsBody[K]>, { status: "known" }>["value"];

function inputsOf<K extends SettableFactKey>(key: K, value: KnownValue<K>): FactInputs[K] {
  const v: unknown = value;
  switch (key) {
    case "contact": {
      const c = v as KnownValue<"contact">;
      return { name: c.name, email: c.email, phone: c.phone } as FactInputs[K];
    }
    case "affectedCount": {
      const c = v as KnownValue<"affectedCount">;
      const inputs: FactInputs["affectedCount"] =
        c.kind === "exact" ? { kind: "exact", count: String(c.count), min: "", max: "" } : { kind: "range", count: "", min: String(c.min), max: String(c.max) };
      return inputs as FactInputs[K];
    }
    case "dataKinds":
      return (v as KnownValue<"dataKinds">).join("\n") as FactInputs[K];
    case "period": {
      const p = v as KnownValue<"period">;
      const inputs: FactInputs["period"] = {
        start: instantToLocal(p.start),
        end: p.end && p.end !== "ongoing" ? instantToLocal(p.end) : "",
        ongoing: p.end === "ongoing",
      };
      return inputs as FactInputs[K];
    }
    case "unintelligible": {
      const u = v as KnownValue<"unintelligible">;
      return { state: u.state, description: u.description ?? "" } as FactInputs[K];
    }
    default:
      return v as FactInputs[K];
  }
}

function draftOf<K extends SettableFactKey>(key: K, facts: Stored): FactDraft<K> {
  const fact = facts[key] as FactsBody[K];
  if (!fact) {
    return { mode: "empty", value: EMPTY[key], reason: "" };
  }
  if (fact.status === "unknown") {
    return { mode: "unknown", value: EMPTY[key], reason: fact.reason ?? "" };
  }
  return { mode: "known", value: inputsOf(key, fact.value as KnownValue<K>), reason: "" };
}

/** The form's state for facts as the API gives them. */
export function draftFromFacts(facts: Stored): FactsDraft {
  const draft: Partial<Record<SettableFactKey, unknown>> = {};
  for (const key of SETTABLE_FACT_KEYS) {
    draft[key] = draftOf(key, facts);
  }
  return draft as FactsDraft;
}

const wholeNumber = (text: string): number | null => (/^\s*\d+\s*$/.test(text) ? Number(text) : null);

/**
 * The request body for a draft, or what in the draft cannot become one (a count that is not a
 * number, a date that is not a date). Whether the notice is complete is the server's one check.
 */
export function factsFromDraft(draft: FactsDraft, t: TFunction, original?: Stored): { body: FactsBody; errors: FactErrors } {
  const body: Record<string, unknown> = {};
  const errors: FactErrors = {};
  const fail = (key: SettableFactKey, message: string) => {
    errors[key] = [...(errors[key] ?? []), message];
  };
  for (const key of SETTABLE_FACT_KEYS) {
    const fact = draft[key];
    if (fact.mode === "empty") {
      body[key] = null;
      continue;
    }
    if (fact.mode === "unknown") {
      const reason = fact.reason.trim();
      body[key] = reason ? { status: "unknown", reason } : { status: "unknown" };
      continue;
    }
    const value = knownValue(key, draft, (message) => fail(key, t(message)), original);
    if (value !== undefined) {
      body[key] = { status: "known", value };
    }
  }
  return { body: body as FactsBody, errors };
}

type ErrorKey = "incidents.facts.errors.count" | "incidents.facts.errors.start" | "incidents.facts.errors.end" | "incidents.facts.errors.state";

/** A datetime-local value back to an instant: the stored one when untouched (a field shows minutes only). */
function instantOf(local: string, stored: string | null | undefined): string | null {
  return stored && stored !== "ongoing" && local === instantToLocal(stored) ? stored : localToInstant(local);
}

function knownValue(key: SettableFactKey, draft: FactsDraft, fail: (message: ErrorKey) => void, original: Stored | undefined): unknown {
  switch (key) {
    case "contact": {
      const c = draft.contact.value;
      return { name: c.name.trim(), email: c.email.trim(), phone: c.phone.trim() };
    }
    case "affectedCount": {
      const c = draft.affectedCount.value;
      if (c.kind === "exact") {
        const count = wholeNumber(c.count);
        return count === null ? fail("incidents.facts.errors.count") : { kind: "exact", count };
      }
      const min = wholeNumber(c.min);
      const max = wholeNumber(c.max);
      return min === null || max === null ? fail("incidents.facts.errors.count") : { kind: "range", min, max };
    }
    case "dataKinds":
      return draft.dataKinds.value
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "");
    case "period": {
      const p = draft.period.value;
      const stored = original?.period?.status === "known" ? original.period.value : undefined;
      const start = instantOf(p.start, stored?.start);
      if (!start) {
        return fail("incidents.facts.errors.start");
      }
      if (p.ongoing) {
        return { start, end: "ongoing" };
      }
      if (p.end === "") {
        return { start, end: null };
      }
      const end = instantOf(p.end, stored?.end);
      return end ? { start, end } : fail("incidents.facts.errors.end");
    }
    case "unintelligible": {
      const u = draft.unintelligible.value;
      if (u.state === "") {
        return fail("incidents.facts.errors.state");
      }
      return { state: u.state, description: u.description.trim() || null };
    }
    case "cause":
    case "consequences":
    case "solution":
    case "subjectGroup":
    case "measuresTaken":
    case "measuresPlanned":
      return draft[key].value.trim();
  }
}

/** The server's field messages ("affectedCount.value.min", "body.cause") per fact. */
export function serverFactErrors(fields: Record<string, string>): FactErrors {
  const errors: FactErrors = {};
  for (const [field, message] of Object.entries(fields)) {
    const key = SETTABLE_FACT_KEYS.find((k) => field === k || field.startsWith(`${k}.`));
    if (key) {
      errors[key] = [...(errors[key] ?? []), message];
    }
  }
  return errors;
}

/** Whether two drafts say the same (to warn of unsaved changes before sending). */
export const sameDraft = (a: FactsDraft, b: FactsDraft): boolean => JSON.stringify(a) === JSON.stringify(b);
