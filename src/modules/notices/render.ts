/**
 * Notices as email (subject, plain text, HTML) and as an inbox title, in the recipient's language.
 *
 * The wording lives in `templates/` (one Mustache file per kind and locale, a layout per locale);
 * this module turns a stored `NoticeData` into the view those templates read: instants formatted in
 * the processor's zone with their offset, countries with their names, localized texts picked.
 * Templates are read, composed and parsed once at module load, so rendering a fan-out of 10,000
 * notices does no file I/O and no parsing (templates/README.md describes the format).
 */
import { readFileSync } from "node:fs";
import Mustache from "mustache";
import type { Locale } from "../../domain/agreement-document.ts";
import type { NoticeData, NoticeKind } from "../../db/schema/index.ts";
import { DEFAULT_ZONE } from "../../domain/legal-time.ts";
import { countryName, isCountryCode } from "../../domain/transfers.ts";
import { noticeKindOf, type NoticeView } from "./kind-registry.ts";

export interface RenderContext {
  processorName: string;
  processorEmail: string | null;
  /** IANA zone, e.g. Europe/Amsterdam. */
  zone: string;
  /** e.g. http://127.0.0.1:3000 */
  portalUrl: string;
  /** Deep link to the notice in the portal or back-office. */
  noticeUrl: string;
  /** The notice's readable reference (domain/notice-reference.ts), e.g. N-2026-000123. */
  reference: string;
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

interface Shell {
  styles: Map<string, string>;
  layouts: Map<Locale, Map<string, string>>;
}

/** The layout per locale and the shared styles, read once. */
function loadShell(): Shell {
  const styles = new Map([...splitParts(readTemplate("_partials.mustache"), "_partials.mustache")].map(([name, part]) => [name, part.trim()]));
  const layouts = new Map(LOCALES.map((locale) => [locale, splitParts(readTemplate(`_layout.${locale}.mustache`), `_layout.${locale}.mustache`)] as const));
  return { styles, layouts };
}

const SHELL = loadShell();
/** Each kind's templates, read and parsed on first use (then never again). */
const COMPILED = new Map<string, KindTemplates>();

function compileKind(kind: NoticeKind, locale: Locale): KindTemplates {
  const file = `${kind}.${locale}.mustache`;
  const parts = splitParts(readFileSync(new URL(file, noticeKindOf(kind).templates), "utf8"), file);
  const layoutFile = `_layout.${locale}.mustache`;
  const layout = SHELL.layouts.get(locale) ?? new Map<string, string>();
  const inLayout = (part: "text" | "html"): Compiled => {
    const body = inlinePartials(requirePart(parts, part, file).trimEnd(), SHELL.styles, file);
    const withBody = new Map([...SHELL.styles, ["body", body]]);
    return compile(inlinePartials(requirePart(layout, part, layoutFile), withBody, layoutFile), file);
  };
  return { subject: compile(requirePart(parts, "subject", file).trim(), file), text: inLayout("text"), html: inLayout("html") };
}

// ---- rendering -------------------------------------------------------------------------------

const writer = new Mustache.Writer();
const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Enough for element content and double-quoted attributes, which is all the templates use. */
const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch] ?? ch);
const AS_HTML: Mustache.RenderOptions = { escape: escapeHtml };
const AS_TEXT: Mustache.RenderOptions = { escape: (value: unknown) => String(value) };

type View = NoticeView;

function run(template: Compiled, view: View, options: Mustache.RenderOptions): string {
  // renderTokens with the parsed tokens: Mustache.render would rebuild its cache key from the whole
  // template text on every call.
  return writer.renderTokens(template.tokens as unknown as string[][], new Mustache.Context(view), undefined, template.source, options);
}

function templatesOf(kind: NoticeKind, locale: Locale): KindTemplates {
  const key = `${kind}.${locale}`;
  let templates = COMPILED.get(key);
  if (templates === undefined) {
    templates = compileKind(kind, locale);
    COMPILED.set(key, templates);
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
    noticeReference: context.reference,
    recipientName: context.recipientName,
    customerName: context.customerName,
    toCustomer: toCustomer(data),
    toPublic: noticeKindOf(data.kind).toPublic === true,
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
  return noticeKindOf(data.kind).toCustomer(data);
}

// ---- the view of each kind: its module's (kind-registry.ts) ---------------------------------

function kindView(data: NoticeData, locale: Locale, zone: string): View {
  return noticeKindOf(data.kind).view(data, locale, zone);
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

/** Items as one phrase in the reader's language ("A, B en C"); "—" for none. */
export function listText(items: string[], locale: Locale): string {
  return items.length === 0 ? "—" : LIST_FORMATS[locale].format(items);
}

/** Countries by name with their codes, as one phrase. */
export function countryListText(codes: string[], locale: Locale): string {
  return listText(
    codes.map((code) => countryLabel(code, locale)),
    locale,
  );
}
