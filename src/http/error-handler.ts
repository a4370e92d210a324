import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { httpWords } from "./words.ts";
import { createRequire } from "node:module";
import type { Locale } from "../domain/agreement-document.ts";
import { AppError, ERROR_STATUS, localize, type ErrorCode, type FieldError, type Text } from "./errors.ts";

// A CommonJS module whose typings claim a default export; require gives the function itself.
type Localize = (errors: FastifyError["validation"]) => void;
const localizeNl = createRequire(import.meta.url)("ajv-i18n/localize/nl") as Localize;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields: { field: string; message: string }[]; requestId: string };
}

/** The language of the answer: the UI's choice (Accept-Language), else the user's, else English. */
export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers["accept-language"]?.trim().toLowerCase() ?? "";
  if (header.startsWith("nl")) {
    return "nl";
  }
  if (header.startsWith("en")) {
    return "en";
  }
  return request.actor?.locale ?? "en";
}

const DUTCH_TYPES: Record<string, string> = {
  object: "een object",
  array: "een lijst",
  string: "tekst",
  integer: "een geheel getal",
  number: "een getal",
  boolean: "true of false",
  null: "null",
};

const REQUIRED: Text = httpWords.required;
const UNKNOWN_FIELD: Text = httpWords.unknownField;

function validationFields(error: FastifyError, locale: Locale): FieldError[] {
  const context = error.validationContext ?? "body";
  const problems = withinChosenBranch(error.validation ?? []);
  if (locale === "nl") {
    // ajv-i18n rewrites .message in place; the objects are this request's own.
    localizeNl(problems);
    for (const p of problems) {
      // ajv-i18n's Dutch for a wrong type reads "moet een  (object) bevatten": say it plainly.
      if (p.keyword === "type" && typeof p.params.type === "string") {
        p.message = `moet ${p.params.type
          .split(",")
          .map((type) => DUTCH_TYPES[type] ?? type)
          .join(" of ")} zijn`;
      }
    }
  }
  return problems.map((v) => {
    const path = v.instancePath.replace(/^\//, "").replaceAll("/", ".");
    const missing = typeof v.params?.missingProperty === "string" ? v.params.missingProperty : null;
    const extra = typeof v.params?.additionalProperty === "string" ? v.params.additionalProperty : null;
    const field = [context, path, missing ?? extra].filter(Boolean).join(".");
    const allowed =
      v.keyword === "enum" && Array.isArray(v.params?.allowedValues) && v.params.allowedValues.length <= 20
        ? `: ${(v.params.allowedValues as unknown[]).join(", ")}`
        : "";
    const message = missing ? REQUIRED : extra ? UNKNOWN_FIELD : `${v.message ?? "is invalid"}${allowed}`;
    return { field, message };
  });
}

type Problem = NonNullable<FastifyError["validation"]>[number];

/**
 * A union of request shapes told apart by a constant (a case's `kind`): ajv reports every branch's
 * errors. Only the errors of the branches whose constant matched name what is wrong; a branch that
 * failed on its constant was not meant, and "must match a schema in anyOf" says nothing. Without any
 * such branch (the constant itself is wrong), the constant's error alone, once.
 */
function withinChosenBranch(problems: Problem[]): Problem[] {
  const branchOf = (p: Problem) => /^(.*?\/anyOf\/\d+)\//.exec(p.schemaPath)?.[1] ?? null;
  const unions = problems.filter((p) => p.keyword === "anyOf");
  if (unions.length === 0) {
    return problems;
  }
  const missed = new Set(problems.filter((p) => p.keyword === "const").map(branchOf));
  const chosen = problems.filter((p) => p.keyword !== "anyOf" && branchOf(p) !== null && !missed.has(branchOf(p)));
  if (chosen.length > 0) {
    return [...problems.filter((p) => branchOf(p) === null && p.keyword !== "anyOf"), ...chosen];
  }
  const constants = problems.filter((p) => p.keyword === "const");
  const first = constants[0];
  if (first === undefined) {
    return problems;
  }
  // None of the constants: one error that lists them.
  const allowedValues = constants.filter((p) => p.instancePath === first.instancePath).map((p) => p.params.allowedValue as unknown);
  return [{ ...first, keyword: "enum", params: { allowedValues }, message: "must be equal to one of the allowed values" }];
}

function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).find(([, s]) => s === status);
  return match ? match[0] : "validation";
}

/**
 * The one place errors become HTTP answers, in the request's language. A 4xx says which field is
 * wrong and why; a 5xx says nothing about internals, only the request id to quote to support.
 */
export function handleError(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  const locale = requestLocale(request);
  const send = (status: number, code: ErrorCode, message: Text, fields: FieldError[] = []) => {
    const body: ErrorBody = {
      error: {
        code,
        message: localize(message, locale),
        fields: fields.map((f) => ({ field: f.field, message: localize(f.message, locale) })),
        requestId: request.id,
      },
    };
    return reply.status(status).type("application/json").send(body);
  };
  if (error instanceof AppError) {
    return send(ERROR_STATUS[error.code], error.code, error.text, error.fields);
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const fields = validationFields(fastifyError, locale);
    return send(400, "validation", fields.map((f) => `${f.field} ${localize(f.message, locale)}`).join("; "), fields);
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    if (status === 429) {
      return send(429, "rate_limited", httpWords.rateLimited);
    }
    if (fastifyError.code === "FST_CSRF_INVALID_TOKEN" || fastifyError.code === "FST_CSRF_MISSING_SECRET") {
      return send(403, "forbidden", httpWords.csrf);
    }
    return send(status, codeForStatus(status), fastifyError.message);
  }
  request.log.error({ err: error }, "unhandled error");
  return send(500, "internal", httpWords.internal);
}
