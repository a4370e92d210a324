import { httpWords } from "./words.ts";
import type { Locale } from "../domain/agreement-document.ts";

/** The closed set of error codes Art28 answers with, and their HTTP status: one place. */
export const ERROR_STATUS = {
  validation: 400,
  unauthenticated: 401,
  totp_required: 401,
  forbidden: 403,
  /** A sensitive change needs a recent POST /auth/step-up in this session (tokens cannot). */
  step_up_required: 403,
  /** Staff who have not confirmed the current confidentiality statement (art. 2.3, 9.1) see no customer's data. */
  confidentiality_required: 403,
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

/** "… not found", naming the thing in both languages (a module's noun from its words.ts). */
export const notFound = (thing: Record<Locale, string>) => {
  return new AppError("not_found", httpWords.notFound(thing));
};
export const forbidden = (why: Text = httpWords.roleNotAllowed) => new AppError("forbidden", why);
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
