import { Type } from "typebox";

export const ErrorBodySchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    requestId: Type.String(),
  }),
});

/** The error answers every route documents. */
export const ErrorResponses = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

export const Uuid = Type.String({ format: "uuid", maxLength: 36 });
/** A text in Dutch and English (the reader's UI picks one). */
export const Localized = Type.Object({ nl: Type.String(), en: Type.String() });
/** `:id` in a route's path. */
export const IdParams = Type.Object({ id: Uuid });

/** An instant: RFC 3339 with an offset, years 1000–9999, no leap second (src/http/input-policy.ts). */
export const Instant = Type.String({ format: "date-time", maxLength: 40 });
export const NullableInstant = Type.Union([Instant, Type.Null()]);
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

// ---- the input policy (DESIGN.md "Security": no input makes a 5xx) -----------------------------
// Every text a request carries is bounded and free of control characters, which PostgreSQL refuses
// (NUL) or no reader expects, and of lone UTF-16 surrogates, which are no text at all and which the
// database cannot encode; src/http/input-policy.test.ts fails for a request schema that is not.
// Ajv compiles patterns with the `u` flag: `\ud800-\udfff` in a class is a lone surrogate only.

/** Single-line text: no C0 control character at all. */
export const LINE_PATTERN = "^[^\\u0000-\\u001f\\ud800-\\udfff]*$";
/** Multi-line text: tab, newline and carriage return, no other C0 control character. */
export const TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ud800-\\udfff]*$";
/** Single-line text with at least one character that is not white space. */
export const NON_BLANK_LINE_PATTERN = "^(?=.*\\S)[^\\u0000-\\u001f\\ud800-\\udfff]*$";

type StringOptions = Parameters<typeof Type.String>[0];

/** A single-line text of at most `maxLength` characters (a name, a title, a search). */
export const Line = (maxLength: number, options: StringOptions = {}) => Type.String({ ...options, maxLength, pattern: LINE_PATTERN });
/** A single-line text of at most `maxLength` characters that is not blank (a signer's name). */
export const NonBlankLine = (maxLength: number, options: StringOptions = {}) => Type.String({ ...options, maxLength, pattern: NON_BLANK_LINE_PATTERN });
/** A multi-line text of at most `maxLength` characters (a description, a message). */
export const Text = (maxLength: number, options: StringOptions = {}) => Type.String({ ...options, maxLength, pattern: TEXT_PATTERN });
/** A web address people may follow: http(s) only, never `javascript:` or `data:`. */
export const WebUrl = (maxLength: number, options: StringOptions = {}) =>
  Type.String({ ...options, format: "uri", maxLength, pattern: "^[hH][tT][tT][pP][sS]?://[^\\u0000-\\u0020]+$" });

type IntegerOptions = Parameters<typeof Type.Integer>[0];
/**
 * An integer from `minimum` to `maximum`. The `allOf` checks the type again after Ajv's coercion:
 * a query's or a body's string "1e400" is coerced to Infinity, which Ajv's number keywords skip.
 */
export const Int = (minimum: number, maximum: number, options: IntegerOptions = {}) =>
  Type.Integer({ ...options, minimum, maximum, allOf: [{ type: "integer" }] });

/** The largest value of an `integer` column (PostgreSQL int4). */
export const MAX_INT4 = 2_147_483_647;
/** A row offset into a list. */
export const Offset = Int(0, MAX_INT4, { default: 0 });
/** A page number (from 1). */
export const Page = Int(1, 1_000_000, { default: 1 });

/**
 * The answers of a route that sends a file (a PDF, a feed, an export): the file in one of its media
 * types, or the error answers every route documents. JSON among them is described by the route.
 */
export const FileResponses = (description: string, ...mediaTypes: string[]) => ({
  200: {
    description,
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: type === "application/json" ? {} : { type: "string", format: "binary" } }])),
  },
  ...ErrorResponses,
});
