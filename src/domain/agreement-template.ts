/**
 * From a template version to the agreement a controller reads and signs.
 *
 * A template text (templates/<locale>/v<n>.json, or a version stored by the back-office) holds
 * Mustache placeholders for the processor's facts, the clocks and the governing law. Rendering
 * fills them with HTML escaping off (each renderer escapes for its own output) and never lets an
 * unknown or empty placeholder become blank text in a contract.
 *
 * Clause texts are plain text. A line break separates lines; a line that starts with "• " is an
 * item of a list (art. 6.2).
 */
import Mustache from "mustache";
import { toCardinal as toCardinalNl } from "n2words/nl-NL";
import { toCardinal as toCardinalEn } from "n2words/en-GB";
import { DEFAULT_CLOCKS, LOCALES } from "./agreement-document.ts";
import { DOCUMENT_LABELS } from "./agreement-labels.ts";

export { DOCUMENT_LABELS };
import type { AgreementClocks, AgreementDocument, Annex1, Annex2, Locale, PartyBlock, TemplateParameters, TemplateText } from "./agreement-document.ts";

const CLOCK_KEYS = Object.keys(DEFAULT_CLOCKS) as (keyof AgreementClocks)[];

/**
 * Every placeholder a template may use. `processor.country` and `processor.termsUrl` may be
 * empty, so a template uses them only inside a section: `{{#processor.termsUrl}} (…){{/processor.termsUrl}}`.
 */
export const TEMPLATE_PLACEHOLDERS: readonly string[] = [
  "processor.name",
  "processor.address",
  "processor.city",
  "processor.kvk",
  "processor.court",
  "processor.country",
  "processor.termsUrl",
  ...CLOCK_KEYS.flatMap((key) => [`clocks.${key}.n`, `clocks.${key}.words`]),
  "law.governingLaw",
];
const KNOWN = new Set(TEMPLATE_PLACEHOLDERS);

interface TagUse {
  name: string;
  kind: "value" | "section" | "partial";
  /** Inside a section of the same name: rendered only when that value is present. */
  guarded: boolean;
}

/** The tags of one Mustache text. Throws Mustache's own error on a syntax error. */
function tagsOf(template: string): TagUse[] {
  const out: TagUse[] = [];
  const walk = (spans: Mustache.TemplateSpans, enclosing: ReadonlySet<string>): void => {
    for (const span of spans) {
      const [type, name] = span;
      const guarded = enclosing.has(name);
      if (type === "name" || type === "&") {
        out.push({ name, kind: "value", guarded });
      } else if (type === "#" || type === "^") {
        out.push({ name, kind: "section", guarded });
        const children = span[4];
        if (Array.isArray(children)) {
          // Only a non-inverted section guarantees its own value is present inside it.
          walk(children, type === "#" ? new Set([...enclosing, name]) : enclosing);
        }
      } else if (type === ">" || type === "=") {
        out.push({ name, kind: "partial", guarded });
      }
    }
  };
  walk(Mustache.parse(template), new Set());
  return out;
}

/** What is wrong with one text's placeholders, without a view: syntax, partials, unknown names. */
function placeholderProblems(template: string): string[] {
  let tags: TagUse[];
  try {
    tags = tagsOf(template);
  } catch (error) {
    return [`invalid Mustache: ${error instanceof Error ? error.message : String(error)}`];
  }
  return tags.flatMap((tag) => {
    if (tag.kind === "partial") {
      return [`partials and delimiter changes are not supported ({{${tag.name}}})`];
    }
    return KNOWN.has(tag.name) ? [] : [`unknown placeholder {{${tag.name}}}`];
  });
}

/** Calls `visit` on every text of a template with its path, e.g. `articles[5].clauses[0].text`. */
function mapTexts(text: TemplateText, visit: (value: string, path: string) => string): TemplateText {
  return {
    locale: text.locale,
    title: visit(text.title, "title"),
    intro: text.intro.map((p, i) => visit(p, `intro[${i}]`)),
    recitalsHeading: visit(text.recitalsHeading, "recitalsHeading"),
    recitals: text.recitals.map((r, i) => visit(r, `recitals[${i}]`)),
    articles: text.articles.map((article, i) => ({
      number: article.number,
      title: visit(article.title, `articles[${i}].title`),
      clauses: article.clauses.map((clause, j) => ({
        number: clause.number,
        text: visit(clause.text, `articles[${i}].clauses[${j}].text`),
      })),
    })),
  };
}

/** All placeholder names a template text uses, in order of first use (the back-office shows them). */
export function templatePlaceholders(text: TemplateText): string[] {
  const names = new Set<string>();
  mapTexts(text, (value, path) => {
    try {
      for (const tag of tagsOf(value)) {
        names.add(tag.name);
      }
    } catch (error) {
      throw new Error(`Invalid Mustache in ${path}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    return value;
  });
  return [...names];
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** A placeholder that is unknown or has no value: the template cannot become a contract. */
export class TemplatePlaceholderError extends Error {
  readonly placeholder: string;
  readonly path: string;
  constructor(placeholder: string, path: string, problem: string) {
    super(`Template placeholder {{${placeholder}}} in ${path}: ${problem}`);
    this.name = "TemplatePlaceholderError";
    this.placeholder = placeholder;
    this.path = path;
  }
}

export interface RenderAgreementInput {
  text: TemplateText;
  templateVersion: number;
  parameters: TemplateParameters;
  processor: PartyBlock & { court: string; termsUrl?: string | null };
  controller: PartyBlock;
  annex1: Annex1;
  annex2: Annex2;
  timeZone: string;
}

const CARDINAL: Record<Locale, (n: number) => string> = {
  nl: (n) => toCardinalNl(n),
  en: (n) => toCardinalEn(n),
};

function lookup(view: unknown, name: string): { found: boolean; value: unknown } {
  let current: unknown = view;
  for (const part of name.split(".")) {
    if (!isRecord(current) || !Object.hasOwn(current, part)) {
      return { found: false, value: undefined };
    }
    current = current[part];
  }
  return { found: true, value: current };
}

function renderText(template: string, path: string, view: object): string {
  let tags: TagUse[];
  try {
    tags = tagsOf(template);
  } catch (error) {
    throw new Error(`Invalid Mustache in ${path}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  for (const tag of tags) {
    if (tag.kind === "partial") {
      throw new TemplatePlaceholderError(tag.name, path, "partials and delimiter changes are not supported");
    }
    const { found, value } = lookup(view, tag.name);
    if (!KNOWN.has(tag.name) || !found) {
      throw new TemplatePlaceholderError(tag.name, path, "unknown placeholder");
    }
    if (tag.kind === "value" && !tag.guarded && (value === null || value === undefined || value === "")) {
      throw new TemplatePlaceholderError(tag.name, path, "has no value");
    }
  }
  return Mustache.render(template, view, {}, { escape: (value: unknown) => String(value) });
}

function partyBlock(party: PartyBlock): PartyBlock {
  return { name: party.name, kvk: party.kvk, address: party.address, city: party.city, country: party.country };
}

/**
 * The agreement as a controller sees it: the template text with the processor's facts, the clocks
 * (as `{ n, words }`, e.g. 48 / "achtenveertig") and the governing law filled in, plus the parties,
 * the annexes and the fixed labels of the locale. Throws a `TemplatePlaceholderError` naming the
 * placeholder and where it is if a placeholder is unknown or has no value.
 */
export function renderAgreementDocument(input: RenderAgreementInput): AgreementDocument {
  const { text, parameters, processor } = input;
  const locale = text.locale;
  try {
    new Intl.DateTimeFormat("en", { timeZone: input.timeZone });
  } catch (error) {
    throw new Error(`Unknown time zone "${input.timeZone}"`, { cause: error });
  }
  const clocks = Object.fromEntries(
    CLOCK_KEYS.map((key) => {
      const n = parameters.clocks[key];
      if (!Number.isInteger(n) || n <= 0) {
        throw new Error(`Clock ${key} must be a positive whole number, got ${n}`);
      }
      return [key, { n, words: CARDINAL[locale](n) }];
    }),
  );
  const view = {
    processor: { ...partyBlock(processor), court: processor.court, termsUrl: processor.termsUrl ?? null },
    clocks,
    law: { governingLaw: parameters.law.governingLaw[locale] },
  };
  const rendered = mapTexts(text, (value, path) => renderText(value, path, view));
  return {
    locale,
    title: rendered.title,
    templateVersion: input.templateVersion,
    timeZone: input.timeZone,
    processor: partyBlock(processor),
    controller: partyBlock(input.controller),
    intro: rendered.intro,
    recitalsHeading: rendered.recitalsHeading,
    recitals: rendered.recitals,
    articles: rendered.articles,
    annex1: input.annex1,
    annex2: input.annex2,
    labels: DOCUMENT_LABELS[locale],
  };
}

// ---------------------------------------------------------------------------------------------
// Validation of a template text (the back-office checks a new version with it)

export interface ValidationError {
  path: string;
  message: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks a template text from outside (JSON file, back-office upload): its structure, non-empty
 * articles, unique article and clause numbers, clause numbers under their article ("6.2" in
 * article 6), and every placeholder known. Every problem is reported with its path.
 */
export function validateTemplateText(text: unknown): { ok: true; value: TemplateText } | { ok: false; errors: ValidationError[] } {
  const errors: ValidationError[] = [];
  const fail = (path: string, message: string): void => {
    errors.push({ path, message });
  };
  if (!isRecord(text)) {
    return { ok: false, errors: [{ path: "", message: "must be an object" }] };
  }
  const str = (value: unknown, path: string, required: boolean): string => {
    if (typeof value !== "string" || (required && value.trim() === "")) {
      fail(path, required ? "must be a non-empty string" : "must be a string");
      return "";
    }
    for (const problem of placeholderProblems(value)) {
      fail(path, problem);
    }
    return value;
  };
  const strings = (value: unknown, path: string): string[] => {
    if (!Array.isArray(value)) {
      fail(path, "must be a list of strings");
      return [];
    }
    return value.map((item, i) => str(item, `${path}[${i}]`, true));
  };

  const locale = LOCALES.find((l) => l === text.locale);
  if (locale === undefined) {
    fail("locale", `must be one of ${LOCALES.join(", ")}`);
  }
  const title = str(text.title, "title", true);
  const intro = strings(text.intro, "intro");
  const recitalsHeading = str(text.recitalsHeading, "recitalsHeading", false);
  const recitals = strings(text.recitals, "recitals");

  const articles: TemplateText["articles"] = [];
  const articleAt = new Map<string, string>();
  const clauseAt = new Map<string, string>();
  if (!Array.isArray(text.articles) || text.articles.length === 0) {
    fail("articles", "must be a non-empty list of articles");
  } else {
    text.articles.forEach((article: unknown, i) => {
      const at = `articles[${i}]`;
      if (!isRecord(article)) {
        fail(at, "must be an object");
        return;
      }
      const number = str(article.number, `${at}.number`, true);
      const seenArticle = articleAt.get(number);
      if (number !== "" && seenArticle !== undefined) {
        fail(`${at}.number`, `duplicate article number ${number} (also at ${seenArticle})`);
      }
      articleAt.set(number, `${at}.number`);
      const articleTitle = str(article.title, `${at}.title`, true);
      const clauses: TemplateText["articles"][number]["clauses"] = [];
      if (!Array.isArray(article.clauses) || article.clauses.length === 0) {
        fail(`${at}.clauses`, "must be a non-empty list of clauses");
      } else {
        article.clauses.forEach((clause: unknown, j) => {
          const cat = `${at}.clauses[${j}]`;
          if (!isRecord(clause)) {
            fail(cat, "must be an object");
            return;
          }
          const clauseNumber = str(clause.number, `${cat}.number`, true);
          const seen = clauseAt.get(clauseNumber);
          if (clauseNumber !== "" && seen !== undefined) {
            fail(`${cat}.number`, `duplicate clause number ${clauseNumber} (also at ${seen})`);
          } else if (clauseNumber !== "" && number !== "" && !clauseNumber.startsWith(`${number}.`)) {
            fail(`${cat}.number`, `clause ${clauseNumber} is not numbered under article ${number}`);
          }
          clauseAt.set(clauseNumber, `${cat}.number`);
          clauses.push({ number: clauseNumber, text: str(clause.text, `${cat}.text`, true) });
        });
      }
      articles.push({ number, title: articleTitle, clauses });
    });
  }
  if (errors.length > 0 || locale === undefined) {
    return { ok: false, errors };
  }
  return { ok: true, value: { locale, title, intro, recitalsHeading, recitals, articles } };
}
