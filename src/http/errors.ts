import type { Locale } from "../domain/agreement-document.ts";

/** The closed set of error codes Art28 answers with, and their HTTP status: one place. */
export const ERROR_STATUS = {
  validation: 400,
  unauthenticated: 401,
  totp_required: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A message for a person: one text (technical, English) or one per language. */
export type Text = string | Record<Locale, string>;

export function localize(text: Text, locale: Locale): string {
  return typeof text === "string" ? text : text[locale];
}

export interface FieldError {
  /** Where: "body.typedName", "query.limit", "line 12: contact_email". */
  field: string;
  message: Text;
}

/** A domain error: use cases throw these; the HTTP layer maps them, never the other way round. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly text: Text;
  readonly fields: FieldError[];
  constructor(code: ErrorCode, text: Text, fields: FieldError[] = []) {
    super(localize(text, "en"));
    this.code = code;
    this.text = text;
    this.fields = fields;
  }
}

/** Nouns for "not found" messages. */
const THINGS = {
  agreement: { nl: "overeenkomst", en: "agreement" },
  customer: { nl: "klant", en: "customer" },
  service: { nl: "dienst", en: "service" },
  measure: { nl: "maatregel", en: "measure" },
  token: { nl: "token", en: "token" },
  notice: { nl: "kennisgeving", en: "notice" },
  delivery: { nl: "bezorging", en: "delivery" },
  "webhook endpoint": { nl: "webhook-endpoint", en: "webhook endpoint" },
  obligation: { nl: "verplichting", en: "obligation" },
  subprocessor: { nl: "subverwerker", en: "sub-processor" },
  "subprocessor change": { nl: "wijziging van subverwerker", en: "sub-processor change" },
  objection: { nl: "bezwaar", en: "objection" },
  attachment: { nl: "bijlage", en: "attachment" },
  calendar: { nl: "agenda", en: "calendar" },
  incident: { nl: "incident", en: "incident" },
  breach: { nl: "datalek", en: "breach" },
  "breach notice": { nl: "melding datalek", en: "breach notice" },
} as const;
export type Thing = keyof typeof THINGS;

/** "… not found", naming the thing in both languages (a module's noun from its words.ts). */
export const notFound = (what: Record<Locale, string> | Thing | string) => {
  const thing = typeof what !== "string" ? what : what in THINGS ? THINGS[what as Thing] : { nl: what, en: what };
  return new AppError("not_found", { nl: `${thing.nl} niet gevonden`, en: `${thing.en} not found` });
};
export const forbidden = (why: Text = { nl: "uw rol staat dit niet toe", en: "your role does not allow this" }) => new AppError("forbidden", why);
export const conflict = (message: Text) => new AppError("conflict", message);
export const invalid = (field: string, message: Text) =>
  new AppError("validation", typeof message === "string" ? `${field}: ${message}` : { nl: `${field}: ${message.nl}`, en: `${field}: ${message.en}` }, [
    { field, message },
  ]);
export const invalidFields = (fields: FieldError[]) =>
  new AppError(
    "validation",
    {
      nl: fields.map((f) => `${f.field}: ${localize(f.message, "nl")}`).join("; "),
      en: fields.map((f) => `${f.field}: ${localize(f.message, "en")}`).join("; "),
    },
    fields,
  );
