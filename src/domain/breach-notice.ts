/**
 * Is a breach notice complete (art. 6.2; DESIGN.md row 6; issue 4 point 4)? One pure check, used by
 * the API, the UI and the sender alike, so a notice the UI shows as ready is one the sender sends.
 *
 * Art. 6.2 asks for each fact "voor zover bekend bij Verwerker" (as far as the processor knows it):
 * any fact may be stated as unknown, but only explicitly. A field left empty is a field forgotten,
 * and a notice with one cannot be sent. The one exception is when the processor learned of the
 * breach: the notification period of art. 6.1 runs from it, so it is always known.
 *
 * The check takes what a form or a request gave and trusts no type: a value of the wrong shape is
 * reported as missing or invalid, never thrown.
 */
import { PHONE_PATTERN } from "./phone.ts";
import type { LocalizedText } from "./text.ts";

/** A fact is known, or explicitly unknown (optionally saying why); absent or null means missing. */
export type BreachFact<T> = { status: "known"; value: T } | { status: "unknown"; reason?: string };

/** Exactly, or between a minimum and a maximum when no exact number is known (art. 6.2). */
export type AffectedCount = { kind: "exact"; count: number } | { kind: "range"; min: number; max: number };

/** The date of the breach (`start` alone), the period (`start`–`end`), or since `start` and still going on. */
export interface BreachPeriod {
  start: Date;
  end?: Date | "ongoing" | null;
}

export interface FollowUpContact {
  name: string;
  email: string;
  phone: string;
}

/** Were the data encrypted, hashed or otherwise unintelligible; "partly" must say which were not. */
export interface Unintelligible {
  state: "yes" | "no" | "partly";
  description?: string | null;
}

/** The value of every art. 6.2 fact once known, in the order of art. 6.2. */
export interface BreachFactValues {
  cause: string;
  consequences: string;
  solution: string;
  contact: FollowUpContact;
  affectedCount: AffectedCount;
  subjectGroup: string;
  dataKinds: string[];
  period: BreachPeriod;
  discoveredAt: Date;
  unintelligible: Unintelligible;
  measuresTaken: string;
  measuresPlanned: string;
}

export type BreachFactKey = keyof BreachFactValues;

/** A notice's facts as far as they are filled in. */
export type NoticeFacts = { [K in BreachFactKey]?: BreachFact<BreachFactValues[K]> | null };

/**
 * The facts that may differ per customer (its own counts, data kinds, ...). Not `discoveredAt`:
 * the processor learned of the incident once, and every affected customer's 48-hour clock runs
 * from that one instant.
 */
export type CustomerNoticeFacts = Omit<NoticeFacts, "discoveredAt">;

/** Every fact of art. 6.2, in its order: the order of the notice and of every check result. */
export const BREACH_FACT_KEYS: readonly BreachFactKey[] = [
  "cause",
  "consequences",
  "solution",
  "contact",
  "affectedCount",
  "subjectGroup",
  "dataKinds",
  "period",
  "discoveredAt",
  "unintelligible",
  "measuresTaken",
  "measuresPlanned",
];

/** The facts' names in a notice and a form, after the wording of art. 6.2. */
export const BREACH_FACT_LABELS: Readonly<Record<BreachFactKey, LocalizedText>> = {
  cause: { nl: "(Vermoedelijke) oorzaak van het lek", en: "(Suspected) cause of the breach" },
  consequences: { nl: "Bekende en te verwachten gevolgen", en: "Known and expected consequences" },
  solution: { nl: "(Voorgestelde) oplossing", en: "(Proposed) solution" },
  contact: { nl: "Contactgegevens voor de opvolging van de melding", en: "Contact details for following up the notice" },
  affectedCount: { nl: "Aantal personen van wie gegevens zijn gelekt", en: "Number of people whose data were breached" },
  subjectGroup: { nl: "Omschrijving van de groep personen van wie gegevens zijn gelekt", en: "Description of the group of people whose data were breached" },
  dataKinds: { nl: "Soort(en) persoonsgegevens die zijn gelekt", en: "Kind(s) of personal data breached" },
  period: { nl: "Datum of periode waarin het lek plaatsvond", en: "Date or period of the breach" },
  discoveredAt: { nl: "Datum en tijdstip waarop de verwerker van het lek hoorde", en: "Date and time the processor learned of the breach" },
  unintelligible: {
    nl: "Versleuteld, gehasht of anderszins onbegrijpelijk of ontoegankelijk gemaakt voor onbevoegden",
    en: "Encrypted, hashed or otherwise made unintelligible or inaccessible to unauthorised persons",
  },
  measuresTaken: {
    nl: "Reeds genomen maatregelen om het lek te dichten en de gevolgen te beperken",
    en: "Measures taken to close the breach and limit its consequences",
  },
  measuresPlanned: {
    nl: "Voorgenomen maatregelen om het lek te dichten en de gevolgen te beperken",
    en: "Measures planned to close the breach and limit its consequences",
  },
};

export interface BreachNoticeCheck {
  /** Nothing missing and nothing invalid: the notice may be sent. */
  complete: boolean;
  missing: { key: BreachFactKey; label: LocalizedText }[];
  /** `field` names the part of a composite fact that is wrong (e.g. "email", "end", a list index). */
  invalid: { key: BreachFactKey; field?: string; message: LocalizedText }[];
  /** Facts stated as unknown: allowed, and shown as such in the notice. */
  unknown: BreachFactKey[];
}

/**
 * The facts of one customer's notice: its own fact where it has one (an explicit "unknown"
 * included), the shared fact otherwise, so a shared fact is written once for every customer.
 * `discoveredAt` is always the shared one (see CustomerNoticeFacts).
 */
export function mergeNoticeFacts(shared: NoticeFacts, perCustomer: CustomerNoticeFacts): NoticeFacts {
  const merged: Record<string, unknown> = {};
  for (const key of BREACH_FACT_KEYS) {
    const own = key === "discoveredAt" ? undefined : perCustomer[key];
    merged[key] = own ?? shared[key];
  }
  return merged as NoticeFacts;
}

/**
 * Whether a notice may be sent, and if not, why: each fact of art. 6.2 must be known and valid or
 * explicitly unknown; `discoveredAt` must be known. Results are in the order of art. 6.2.
 */
export function checkBreachNotice(facts: NoticeFacts): BreachNoticeCheck {
  const result: BreachNoticeCheck = { complete: false, missing: [], invalid: [], unknown: [] };
  for (const key of BREACH_FACT_KEYS) {
    const fact: unknown = facts[key];
    if (isRecord(fact) && fact.status === "unknown") {
      if (key === "discoveredAt") {
        result.invalid.push({ key, message: DISCOVERY_UNKNOWN });
      } else {
        result.unknown.push(key);
      }
      continue;
    }
    const verdict = isRecord(fact) && fact.status === "known" ? CHECKS[key](fact.value, facts) : "missing";
    if (verdict === "missing") {
      result.missing.push({ key, label: BREACH_FACT_LABELS[key] });
    } else {
      result.invalid.push(...verdict.map((problem) => ({ key, ...problem })));
    }
  }
  result.complete = result.missing.length === 0 && result.invalid.length === 0;
  return result;
}

type Problem = { field?: string; message: LocalizedText };
/** "missing" when nothing was filled in; otherwise what is wrong with it (nothing when valid). */
type Verdict = "missing" | Problem[];

const DISCOVERY_UNKNOWN: LocalizedText = {
  nl: "Wanneer de verwerker van het lek hoorde, kan niet onbekend zijn: de meldtermijn van art. 6.1 loopt vanaf dat moment.",
  en: "When the processor learned of the breach cannot be unknown: the notification period of art. 6.1 runs from that moment.",
};

// The API's `format: "email"` (ajv-formats, full mode), so the check and the request schema agree.
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const EMAIL_MAX_LENGTH = 254;
const PHONE = new RegExp(PHONE_PATTERN);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const isFilled = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";
const isInstant = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());
const isCount = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
const problem = (field: string | undefined, nl: string, en: string): Problem =>
  field === undefined ? { message: { nl, en } } : { field, message: { nl, en } };

const text = (value: unknown): Verdict => (isFilled(value) ? [] : "missing");

function contact(value: unknown): Verdict {
  if (!isRecord(value) || (!isFilled(value.name) && !isFilled(value.email) && !isFilled(value.phone))) {
    return "missing";
  }
  const problems: Problem[] = [];
  if (!isFilled(value.name)) {
    problems.push(problem("name", "De naam van de contactpersoon ontbreekt.", "The contact's name is missing."));
  }
  if (!isFilled(value.email)) {
    problems.push(problem("email", "Het e-mailadres van de contactpersoon ontbreekt.", "The contact's email address is missing."));
  } else if (value.email.length > EMAIL_MAX_LENGTH || !EMAIL.test(value.email)) {
    problems.push(problem("email", `"${value.email}" is geen geldig e-mailadres.`, `"${value.email}" is not a valid email address.`));
  }
  if (!isFilled(value.phone)) {
    problems.push(problem("phone", "Het telefoonnummer van de contactpersoon ontbreekt.", "The contact's phone number is missing."));
  } else if (!PHONE.test(value.phone)) {
    problems.push(
      problem(
        "phone",
        `"${value.phone}" is geen geldig telefoonnummer (cijfers, spaties, +, -, ( )).`,
        `"${value.phone}" is not a valid phone number (digits, spaces, +, -, ( )).`,
      ),
    );
  }
  return problems;
}

/** A number of people is a whole number ≥ 0; a range must not run backwards. */
function affectedCount(value: unknown): Verdict {
  if (!isRecord(value)) {
    return "missing";
  }
  const notACount = (field: string, got: unknown): Problem =>
    problem(
      field,
      `Het aantal personen moet een geheel getal van 0 of meer zijn, niet ${String(got)}.`,
      `The number of people must be a whole number of 0 or more, not ${String(got)}.`,
    );
  if (value.kind === "exact") {
    return isCount(value.count) ? [] : [notACount("count", value.count)];
  }
  if (value.kind === "range") {
    const { min, max } = value;
    if (!isCount(min) || !isCount(max)) {
      return [...(isCount(min) ? [] : [notACount("min", min)]), ...(isCount(max) ? [] : [notACount("max", max)])];
    }
    return min <= max
      ? []
      : [problem(undefined, `Het minimum (${min}) is groter dan het maximum (${max}).`, `The minimum (${min}) is greater than the maximum (${max}).`)];
  }
  return [problem("kind", "Geef een exact aantal, of een minimum en een maximum.", "Give an exact number, or a minimum and a maximum.")];
}

function dataKinds(value: unknown): Verdict {
  if (!Array.isArray(value) || value.length === 0) {
    return "missing";
  }
  return value.flatMap((kind: unknown, index) =>
    isFilled(kind) ? [] : [problem(String(index), `Soort persoonsgegevens nr. ${index + 1} is leeg.`, `Kind of personal data no. ${index + 1} is empty.`)],
  );
}

/** A breach is discovered after it began: a start after discoveredAt is a typing error. */
function period(value: unknown, facts: NoticeFacts): Verdict {
  if (!isRecord(value) || value.start === undefined || value.start === null) {
    return "missing";
  }
  const { start, end } = value;
  if (!isInstant(start)) {
    return [problem("start", "Het begin van het lek is geen geldig tijdstip.", "The start of the breach is not a valid date and time.")];
  }
  const problems: Problem[] = [];
  if (end !== undefined && end !== null && end !== "ongoing") {
    if (!isInstant(end)) {
      problems.push(problem("end", "Het einde van het lek is geen geldig tijdstip.", "The end of the breach is not a valid date and time."));
    } else if (end.getTime() < start.getTime()) {
      problems.push(problem("end", "Het lek eindigt vóór het begon.", "The breach ends before it started."));
    }
  }
  const discovered = facts.discoveredAt;
  if (discovered?.status === "known" && isInstant(discovered.value) && start.getTime() > discovered.value.getTime()) {
    problems.push(
      problem("start", "Het lek kan niet zijn begonnen nadat de verwerker ervan hoorde.", "The breach cannot have started after the processor learned of it."),
    );
  }
  return problems;
}

function discoveredAt(value: unknown): Verdict {
  if (value === undefined || value === null) {
    return "missing";
  }
  return isInstant(value) ? [] : [problem(undefined, "Dit is geen geldig tijdstip.", "This is not a valid date and time.")];
}

function unintelligible(value: unknown): Verdict {
  if (!isRecord(value) || value.state === undefined || value.state === null) {
    return "missing";
  }
  if (value.state !== "yes" && value.state !== "no" && value.state !== "partly") {
    return [problem("state", "Kies ja, nee of gedeeltelijk.", "Choose yes, no or partly.")];
  }
  if (value.state === "partly" && !isFilled(value.description)) {
    return [
      problem(
        "description",
        "Beschrijf welke gegevens wel en welke niet onbegrijpelijk zijn gemaakt.",
        "Describe which data were made unintelligible and which were not.",
      ),
    ];
  }
  return [];
}

const CHECKS: Readonly<Record<BreachFactKey, (value: unknown, facts: NoticeFacts) => Verdict>> = {
  cause: text,
  consequences: text,
  solution: text,
  contact,
  affectedCount,
  subjectGroup: text,
  dataKinds,
  period,
  discoveredAt,
  unintelligible,
  measuresTaken: text,
  measuresPlanned: text,
};

// ---- as stored and sent (JSON) -----------------------------------------------------------------

/** A fact as JSON: instants are ISO 8601 strings (UTC). */
type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

/** Notice facts as stored in the database, sent in a webhook payload and given by the API. */
export type StoredNoticeFacts = { [K in BreachFactKey]?: BreachFact<Json<BreachFactValues[K]>> | null };

const toIso = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);
/** An ISO string becomes a Date; anything else stays as it is (and the check reports it invalid). */
const toDate = (value: unknown): unknown => (typeof value === "string" ? new Date(value) : value);

function mapInstants(facts: Readonly<Record<string, unknown>>, convert: (value: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of BREACH_FACT_KEYS) {
    const fact = facts[key];
    if (fact === undefined) {
      continue;
    }
    if (!isRecord(fact) || fact.status !== "known") {
      out[key] = fact;
      continue;
    }
    let value = fact.value;
    if (key === "discoveredAt") {
      value = convert(value);
    } else if (key === "period" && isRecord(value)) {
      value = {
        ...value,
        start: convert(value.start),
        ...(value.end === undefined || value.end === null || value.end === "ongoing" ? {} : { end: convert(value.end) }),
      };
    }
    out[key] = { ...fact, value };
  }
  return out;
}

export function factsToJson(facts: NoticeFacts): StoredNoticeFacts {
  return mapInstants(facts as Record<string, unknown>, toIso) as StoredNoticeFacts;
}

export function factsFromJson(facts: StoredNoticeFacts): NoticeFacts {
  return mapInstants(facts as Record<string, unknown>, toDate) as NoticeFacts;
}

/** The one completeness check (checkBreachNotice) on facts as stored or sent. */
export const checkStoredFacts = (facts: StoredNoticeFacts): BreachNoticeCheck => checkBreachNotice(factsFromJson(facts));

/**
 * The facts that differ between two notices to one customer (GDPR art. 33(4): information in
 * phases; each follow-up shows what changed since the last). Compared as stored JSON, in the order
 * of art. 6.2. With no previous notice, nothing "changed": everything is new.
 */
export function changedFacts(previous: StoredNoticeFacts | null, next: StoredNoticeFacts): BreachFactKey[] {
  if (previous === null) {
    return [];
  }
  return BREACH_FACT_KEYS.filter((key) => canonical(previous[key] ?? null) !== canonical(next[key] ?? null));
}

/** JSON with object keys sorted, so {a,b} and {b,a} compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/**
 * art. 6: a breach notice to one affected customer, with every fact of art. 6.2 as it stood when
 * sent. The first (initial) starts the customer's own 72-hour clock to the Autoriteit
 * Persoonsgegevens; follow-ups (GDPR 33(4)) say what changed; the final one closes the incident.
 */
export interface BreachNotice {
  kind: "breach_notice";
  incidentId: string;
  /** INC-0001 */
  reference: string;
  title: string;
  stage: "initial" | "follow_up" | "final";
  /** 1 for the first notice to this customer, then 2, 3, ... */
  sequence: number;
  facts: StoredNoticeFacts;
  /** The facts that differ from this customer's previous notice (empty for the first). */
  changed: BreachFactKey[];
  /** What the officer adds to this round, e.g. what is new or how the incident was closed. */
  message: string | null;
  /** Which security properties the breach touched (from the assessment). */
  nature: { confidentiality: boolean; integrity: boolean; availability: boolean };
  /** This customer's art. 6.1 deadline: discovery + 48 h (its agreement version's clock). */
  dueAt: string;
  /** How many customers this breach affects, only when the processor chose to disclose it. */
  affectedCustomers: number | null;
}
