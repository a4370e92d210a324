/**
 * Notices as email (subject, plain text, HTML) and as an inbox title, in the recipient's language.
 *
 * The wording lives in `templates/` (one Mustache file per kind and locale, a layout per locale);
 * this module turns a stored `NoticeData` into the view those templates read: instants formatted in
 * the processor's zone with their offset, countries with their names, localized texts picked.
 * Templates are read, composed and parsed once at module load, so rendering a fan-out of 10,000
 * notices does no file I/O and no parsing (templates/README.md describes the format).
 */
import { readdirSync, readFileSync } from "node:fs";
import Mustache from "mustache";
import type { Locale } from "../../domain/agreement-document.ts";
import { DEFAULT_ZONE, formatDate, formatInstant } from "../../domain/legal-time.ts";
import { countryName, isCountryCode } from "../../domain/transfers.ts";
import { NOTICE_KINDS } from "./kinds.ts";
import type { BreachNotice, NoticeData, NoticeKind, NoticeSubprocessor } from "./kinds.ts";
import type { LocalizedText } from "../../domain/text.ts";
import { describeFacts, formatCount } from "../../domain/breach-facts-text.ts";
import { checkStoredFacts } from "../../domain/breach-notice.ts";

export interface RenderContext {
  processorName: string;
  processorEmail: string | null;
  /** IANA zone, e.g. Europe/Amsterdam. */
  zone: string;
  /** e.g. http://127.0.0.1:3000 */
  portalUrl: string;
  /** Deep link to the notice in the portal or back-office. */
  noticeUrl: string;
  recipientName: string | null;
  customerName: string | null;
}

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

const LOCALES: readonly Locale[] = ["nl", "en"];
/** Subjects and titles longer than this are cut with an ellipsis (mail clients cut them anyway). */
const MAX_SUBJECT = 100;

// ---- templates, loaded once ------------------------------------------------------------------

const TEMPLATE_DIR = new URL("./templates/", import.meta.url);
const PART_MARKER = /^--- ([a-z][a-z0-9-]*)[ \t]*\r?\n/gm;

interface Compiled {
  source: string;
  tokens: Mustache.TemplateSpans;
}
interface KindTemplates {
  subject: Compiled;
  text: Compiled;
  html: Compiled;
}

function readTemplate(file: string): string {
  return readFileSync(new URL(file, TEMPLATE_DIR), "utf8");
}

/** Split a template file into its named parts (`--- subject`, `--- text`, `--- html`, …). */
function splitParts(source: string, file: string): Map<string, string> {
  const parts = new Map<string, string>();
  const markers = [...source.matchAll(PART_MARKER)];
  if (markers.length === 0 || source.slice(0, markers[0]?.index).trim() !== "") {
    throw new Error(`notice template ${file}: must start with a "--- <part>" line`);
  }
  markers.forEach((marker, i) => {
    const name = marker[1] ?? "";
    if (parts.has(name)) {
      throw new Error(`notice template ${file}: part "${name}" appears twice`);
    }
    const end = markers[i + 1]?.index ?? source.length;
    parts.set(name, source.slice(marker.index + marker[0].length, end));
  });
  return parts;
}

function requirePart(parts: Map<string, string>, name: string, file: string): string {
  const part = parts.get(name);
  if (part === undefined) {
    throw new Error(`notice template ${file}: missing part "${name}"`);
  }
  return part;
}

/**
 * Partials are inlined when the templates load, not looked up per render: `{{> body}}` is the
 * kind's part inside the layout, the others are the shared inline styles of `_partials.mustache`.
 */
function inlinePartials(template: string, partials: ReadonlyMap<string, string>, file: string): string {
  return template.replace(/\{\{>\s*([\w-]+)\s*\}\}/g, (_tag, name: string) => {
    const partial = partials.get(name);
    if (partial === undefined) {
      throw new Error(`notice template ${file}: unknown partial "${name}"`);
    }
    return partial;
  });
}

function compile(source: string, file: string): Compiled {
  try {
    return { source, tokens: Mustache.parse(source) };
  } catch (error) {
    throw new Error(`notice template ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function loadTemplates(): Map<string, KindTemplates> {
  const styles = new Map([...splitParts(readTemplate("_partials.mustache"), "_partials.mustache")].map(([name, part]) => [name, part.trim()]));
  const compiled = new Map<string, KindTemplates>();
  for (const locale of LOCALES) {
    const layoutFile = `_layout.${locale}.mustache`;
    const layout = splitParts(readTemplate(layoutFile), layoutFile);
    for (const kind of NOTICE_KINDS) {
      const file = `${kind}.${locale}.mustache`;
      const parts = splitParts(readTemplate(file), file);
      const inLayout = (part: "text" | "html"): Compiled => {
        const body = inlinePartials(requirePart(parts, part, file).trimEnd(), styles, file);
        const withBody = new Map([...styles, ["body", body]]);
        return compile(inlinePartials(requirePart(layout, part, layoutFile), withBody, layoutFile), file);
      };
      compiled.set(`${kind}.${locale}`, {
        subject: compile(requirePart(parts, "subject", file).trim(), file),
        text: inLayout("text"),
        html: inLayout("html"),
      });
    }
  }
  const expected = new Set(compiled.keys());
  for (const file of readdirSync(TEMPLATE_DIR)) {
    const key = file.replace(/\.mustache$/, "");
    if (file.endsWith(".mustache") && !file.startsWith("_") && !expected.has(key)) {
      throw new Error(`notice template ${file}: no such notice kind or locale`);
    }
  }
  return compiled;
}

const TEMPLATES = loadTemplates();

// ---- rendering -------------------------------------------------------------------------------

const writer = new Mustache.Writer();
const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Enough for element content and double-quoted attributes, which is all the templates use. */
const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch] ?? ch);
const AS_HTML: Mustache.RenderOptions = { escape: escapeHtml };
const AS_TEXT: Mustache.RenderOptions = { escape: (value: unknown) => String(value) };

type View = Record<string, unknown>;

function run(template: Compiled, view: View, options: Mustache.RenderOptions): string {
  // renderTokens with the parsed tokens: Mustache.render would rebuild its cache key from the whole
  // template text on every call.
  return writer.renderTokens(template.tokens as unknown as string[][], new Mustache.Context(view), undefined, template.source, options);
}

function templatesOf(kind: NoticeKind, locale: Locale): KindTemplates {
  const templates = TEMPLATES.get(`${kind}.${locale}`);
  if (templates === undefined) {
    throw new RangeError(`no notice template for ${kind} in ${String(locale)}`);
  }
  return templates;
}

/** One line, at most `max` characters (cut at a code point, with an ellipsis). */
function oneLine(value: string, max: number): string {
  const line = value.replace(/\s+/g, " ").trim();
  if (line.length <= max) {
    return line;
  }
  const chars = [...line];
  return chars.length <= max
    ? line
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

function title(data: NoticeData, locale: Locale, view: View): string {
  return oneLine(run(templatesOf(data.kind, locale).subject, view, AS_TEXT), MAX_SUBJECT);
}

/** A one-line title for inbox lists: the email subject without the processor's name before it. */
export function noticeTitle(data: NoticeData, locale: "nl" | "en"): string {
  // Titles carry no dates, so the zone plays no part here (the email body has them, in the zone).
  return title(data, locale, kindView(data, locale, DEFAULT_ZONE));
}

/** The email for one notice, in the recipient's language, dates in the processor's zone. */
export function renderNotice(data: NoticeData, locale: "nl" | "en", context: RenderContext): RenderedNotice {
  requireWebUrl(context.noticeUrl, "noticeUrl");
  requireWebUrl(context.portalUrl, "portalUrl");
  const ofKind = kindView(data, locale, context.zone);
  // The title sees only the kind's fields, so noticeTitle (no context) always gives the same line.
  const noticeTitleText = title(data, locale, ofKind);
  const view: View = {
    ...ofKind,
    processorName: context.processorName,
    processorEmail: context.processorEmail,
    portalUrl: context.portalUrl,
    noticeUrl: context.noticeUrl,
    recipientName: context.recipientName,
    customerName: context.customerName,
    toCustomer: toCustomer(data),
    title: noticeTitleText,
  };
  const templates = templatesOf(data.kind, locale);
  const text = run(templates.text, view, AS_TEXT)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return {
    subject: oneLine(`${context.processorName}: ${noticeTitleText}`, MAX_SUBJECT),
    text: `${text}\n`,
    html: run(templates.html, view, AS_HTML),
  };
}

/** Links go into href attributes: only web URLs, never `javascript:` or the like. */
function requireWebUrl(url: string, what: string): void {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) {
    throw new RangeError(`${what} must be an http(s) URL, got ${JSON.stringify(url)}`);
  }
}

/** Who reads it decides the sign-off: the processor writes to its customers, not to its own staff. */
function toCustomer(data: NoticeData): boolean {
  switch (data.kind) {
    case "subprocessor_change_announced":
    case "subprocessor_change_effective":
    case "subprocessor_change_withdrawn":
    case "objection_closed":
    case "breach_notice":
      return true;
    case "consultation_message":
      return data.from === "processor";
    case "contact_failing":
      return data.customerName === null;
    case "objection_received":
    case "obligation_reminder":
    case "obligation_escalated":
      return false;
    default: {
      const unknown: never = data;
      throw new RangeError(`unknown notice kind: ${String((unknown as { kind: unknown }).kind)}`);
    }
  }
}

// ---- the view of each kind -------------------------------------------------------------------

// Names here must not clash with the context's (customerName, title, …): the view spreads both.
function kindView(data: NoticeData, locale: Locale, zone: string): View {
  const instant = (iso: string): string => formatInstant(new Date(iso), zone, locale);
  const date = (iso: string): string => formatDate(new Date(iso), zone, locale);
  switch (data.kind) {
    case "subprocessor_change_announced":
      return {
        ...changeKindFlags(data.changeKind),
        changeId: data.changeId,
        subprocessor: subprocessorView(data.subprocessor, locale),
        replaces: data.replaces === null ? null : subprocessorView(data.replaces, locale),
        previousCountries: data.previousCountries === null ? null : countryList(data.previousCountries, locale),
        services: data.services.map((service) => ({ name: service[locale] })),
        servicesList: list(
          data.services.map((service) => service[locale]),
          locale,
        ),
        description: data.description[locale],
        windowEnd: instant(data.windowEndsAt),
        windowEndDate: date(data.windowEndsAt),
        windowDays: data.windowDays,
        plannedEffective: data.plannedEffectiveAt === null ? null : instant(data.plannedEffectiveAt),
      };
    case "subprocessor_change_effective":
      return {
        ...changeKindFlags(data.changeKind),
        changeId: data.changeId,
        subprocessor: subprocessorView(data.subprocessor, locale),
        effectiveAt: instant(data.effectiveAt),
        effectiveDate: date(data.effectiveAt),
        hasAnnexVersion: data.annexVersion !== null,
        annexVersion: data.annexVersion,
      };
    case "subprocessor_change_withdrawn":
      return { changeId: data.changeId, subprocessor: subprocessorView(data.subprocessor, locale), reason: data.reason };
    case "objection_received":
      return {
        changeId: data.changeId,
        objectionId: data.objectionId,
        subprocessorName: data.subprocessorName,
        objectingCustomer: data.customerName,
        reason: data.reason,
      };
    case "consultation_message":
      return {
        changeId: data.changeId,
        objectionId: data.objectionId,
        subprocessorName: data.subprocessorName,
        fromProcessor: data.from === "processor",
        authorName: data.authorName,
        excerpt: data.excerpt,
      };
    case "objection_closed":
      return {
        changeId: data.changeId,
        objectionId: data.objectionId,
        subprocessorName: data.subprocessorName,
        note: data.note,
        isWithdrawn: data.outcome === "withdrawn",
        isResolved: data.outcome === "resolved",
        isCustomerLeaves: data.outcome === "customer_leaves",
      };
    case "contact_failing":
      return { failedEmail: data.email, failure: data.reason, customerOfContact: data.customerName };
    case "obligation_reminder":
      return { obligationId: data.obligationId, obligationTitle: data.title[locale], due: instant(data.dueAt), dueDate: date(data.dueAt) };
    case "obligation_escalated":
      return {
        obligationId: data.obligationId,
        obligationTitle: data.title[locale],
        due: instant(data.dueAt),
        dueDate: date(data.dueAt),
        obligationCustomer: data.customerName,
      };
    case "breach_notice":
      return breachView(data, locale, zone);
    default: {
      const unknown: never = data;
      throw new RangeError(`unknown notice kind: ${String((unknown as { kind: unknown }).kind)}`);
    }
  }
}

const NATURE_WORDS: Record<"confidentiality" | "integrity" | "availability", LocalizedText> = {
  confidentiality: { nl: "vertrouwelijkheid", en: "confidentiality" },
  integrity: { nl: "integriteit", en: "integrity" },
  availability: { nl: "beschikbaarheid", en: "availability" },
};

function breachView(data: BreachNotice, locale: Locale, zone: string): View {
  // The sender checks too, with the same function as the API: an incomplete notice is never sent.
  const check = checkStoredFacts(data.facts);
  if (!check.complete) {
    throw new RangeError(
      `breach notice ${data.reference} #${data.sequence} is incomplete: ${[...check.missing.map((m) => m.key), ...check.invalid.map((i) => i.key)].join(", ")}`,
    );
  }
  const facts = describeFacts(data.facts, zone, locale, data.changed);
  const nature = (Object.keys(NATURE_WORDS) as (keyof typeof NATURE_WORDS)[]).filter((key) => data.nature[key]).map((key) => NATURE_WORDS[key][locale]);
  return {
    incidentId: data.incidentId,
    reference: data.reference,
    incidentTitle: data.title,
    isInitial: data.stage === "initial",
    isFollowUp: data.stage === "follow_up",
    isFinal: data.stage === "final",
    sequence: data.sequence,
    // "Aanvulling 2 op melding datalek ...": the second follow-up is the third notice.
    followUpNumber: data.sequence > 1 ? data.sequence - 1 : null,
    facts: facts.map((row) => ({ label: row.label, text: row.text, isUnknown: row.unknown, isChanged: row.changed })),
    hasChanges: data.changed.length > 0,
    changedList: list(
      facts.filter((row) => row.changed).map((row) => row.label),
      locale,
    ),
    message: data.message === null || data.message.trim() === "" ? null : data.message.trim(),
    hasNature: nature.length > 0,
    natureList: list(nature, locale),
    due: formatInstant(new Date(data.dueAt), zone, locale),
    affectedCustomers: data.affectedCustomers === null ? null : formatCount({ kind: "exact", count: data.affectedCustomers }, locale),
  };
}

function changeKindFlags(kind: string): View {
  return { isAdd: kind === "add", isReplace: kind === "replace", isRemove: kind === "remove", isRelocate: kind === "relocate" };
}

function subprocessorView(subprocessor: NoticeSubprocessor, locale: Locale): View {
  return { name: subprocessor.name, activity: subprocessor.activity[locale], countries: countryList(subprocessor.countries, locale) };
}

// ---- countries and lists ---------------------------------------------------------------------

/**
 * "Duitsland (DE)", named as everywhere else (domain/transfers.ts). A code that is not a country is
 * shown as it is: a notice with a legal deadline must still go out, and the reader sees the code.
 */
function countryLabel(code: string, locale: Locale): string {
  return isCountryCode(code) ? `${countryName(code, locale)} (${code})` : code;
}

const LIST_FORMATS: Record<Locale, Intl.ListFormat> = {
  nl: new Intl.ListFormat("nl", { type: "conjunction" }),
  en: new Intl.ListFormat("en", { type: "conjunction" }),
};

function list(items: string[], locale: Locale): string {
  return items.length === 0 ? "—" : LIST_FORMATS[locale].format(items);
}

function countryList(codes: string[], locale: Locale): string {
  return list(
    codes.map((code) => countryLabel(code, locale)),
    locale,
  );
}
