import type { Plugin } from "ajv";
import type { FastifyReply, FastifyRequest } from "fastify";
import formatsPlugin from "ajv-formats"; // CommonJS: its default export is also `.default`
import { fullFormats } from "ajv-formats/dist/formats.js";
import { AppError } from "./errors.ts";
import { LINE_PATTERN, NON_BLANK_LINE_PATTERN, TEXT_PATTERN } from "./schemas.ts";
import { httpWords } from "./words.ts";

const LINE = new RegExp(LINE_PATTERN, "u");
const TEXT = new RegExp(TEXT_PATTERN, "u");

/** Whether a text read outside a schema (a multipart field) follows the policy of `Line` or `Text`. */
export function isPolicyText(value: string, multiLine: boolean): boolean {
  return (multiLine ? TEXT : LINE).test(value);
}

// The input policy at the schema layer (DESIGN.md "Security": no input makes a 5xx). Every value a
// request carries is one the code and both database engines can hold: text bounded and free of
// control characters (src/http/schemas.ts: Line, Text), numbers bounded, date-times in a range
// PostgreSQL and JavaScript share. input-policy.test.ts holds every route's request schemas to it.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2})$/;
/** ajv-formats' own check (real calendar dates, offsets in range), which the strict one narrows. */
const ajvDateTime = fullFormats["date-time"] as { validate: (value: string) => boolean };

/**
 * RFC 3339 with an offset, stricter than Ajv's: no leap second (`23:59:60` is a RangeError in
 * Temporal and a different instant in PostgreSQL), a four-digit year from 1000 (PostgreSQL has no
 * year 0000), and a value `new Date()` reads.
 */
export function isStrictDateTime(value: string): boolean {
  const match = RFC3339.exec(value);
  if (!match) {
    return false;
  }
  const [year, second] = [Number(match[1]), Number(match[6])];
  return year >= 1000 && second <= 59 && ajvDateTime.validate(value) && !Number.isNaN(new Date(value).getTime());
}

/** An Ajv plugin (after ajv-formats) that replaces `date-time` with the strict one. */
export const strictFormats: Plugin<unknown> = (ajv) => ajv.addFormat("date-time", { type: "string", validate: isStrictDateTime });

/** Formats whose values cannot carry a control character; `binary` is a file's bytes. */
const SAFE_FORMATS = new Set(["uuid", "email", "date-time", "uri", "binary"]);
/** Patterns of the policy, and the regular-expression pieces through which another could admit a control character. */
const POLICY_PATTERNS = new Set([LINE_PATTERN, TEXT_PATTERN, NON_BLANK_LINE_PATTERN]);
const OPEN_PIECES = /(?:^|[^\\])\.|\\[sSdDwWbBpP]|\[\^|\\u00[01]/;

/** A pattern that refuses every control character: the policy's, or an anchored one built of closed classes. */
export function patternRefusesControls(pattern: string): boolean {
  if (POLICY_PATTERNS.has(pattern)) {
    return true;
  }
  return pattern.startsWith("^") && pattern.endsWith("$") && !OPEN_PIECES.test(pattern);
}

export interface JsonSchema {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  patternProperties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maxItems?: number;
}

/**
 * Where a request schema breaks the policy: a string without a maximum length or without a pattern,
 * format or enumeration that refuses control characters; an integer or number without both bounds;
 * an array without maxItems; a value of any shape at all. `resolve` follows a `$ref`.
 */
export function policyViolations(schema: JsonSchema, at: string, resolve: (ref: string) => JsonSchema = () => ({})): string[] {
  if (schema.$ref) {
    return policyViolations(resolve(schema.$ref), at, resolve);
  }
  const found: string[] = [];
  // `Int`'s guard, a bare type check after coercion, is no value of its own.
  const isGuard = (part: JsonSchema) => Object.keys(part).length === 1 && part.type !== undefined && part.type === schema.type;
  for (const part of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? []).filter((part) => !isGuard(part))]) {
    found.push(...policyViolations(part, at, resolve));
  }
  if (schema.enum !== undefined || schema.const !== undefined) {
    return found;
  }
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length === 0 && !schema.anyOf && !schema.oneOf && !schema.allOf) {
    found.push(`${at}: any value (give it a type)`);
  }
  for (const type of types) {
    switch (type) {
      case "string": {
        if (schema.format === "binary") {
          break;
        }
        if (schema.maxLength === undefined) {
          found.push(`${at}: a string without maxLength`);
        }
        const closed =
          (schema.format !== undefined && SAFE_FORMATS.has(schema.format)) || (schema.pattern !== undefined && patternRefusesControls(schema.pattern));
        if (!closed) {
          found.push(`${at}: a string that admits control characters (use Line or Text from src/http/schemas.ts)`);
        }
        break;
      }
      case "integer":
      case "number":
        if (schema.minimum === undefined && schema.exclusiveMinimum === undefined) {
          found.push(`${at}: a ${type} without minimum`);
        }
        if (schema.maximum === undefined && schema.exclusiveMaximum === undefined) {
          found.push(`${at}: a ${type} without maximum`);
        }
        if (!(schema.allOf ?? []).some((part) => part.type === type)) {
          found.push(`${at}: a ${type} that the string "1e400" makes Infinity (use Int from src/http/schemas.ts)`);
        }
        break;
      case "array": {
        if (schema.maxItems === undefined) {
          found.push(`${at}: an array without maxItems`);
        }
        const items = schema.items === undefined ? [] : Array.isArray(schema.items) ? schema.items : [schema.items];
        for (const item of [...items, ...(schema.prefixItems ?? [])]) {
          found.push(...policyViolations(item, `${at}[]`, resolve));
        }
        break;
      }
      case "object":
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          found.push(...policyViolations(property, `${at}.${name}`, resolve));
        }
        for (const [name, property] of Object.entries(schema.patternProperties ?? {})) {
          found.push(...policyViolations(property, `${at}[${name}]`, resolve));
        }
        if (typeof schema.additionalProperties === "object") {
          found.push(...policyViolations(schema.additionalProperties, `${at}.*`, resolve));
        } else if (schema.additionalProperties !== false && !schema.properties) {
          found.push(`${at}: an object with any properties`);
        }
        break;
      default:
        break;
    }
  }
  return found;
}

/** Fastify's `ajv.plugins`: ajv-formats (the compiler then adds no copy of its own), then the strict date-time. */
export const AJV_PLUGINS: Plugin<unknown>[] = [formatsPlugin.default as Plugin<unknown>, strictFormats];

/**
 * One content type per route (a preParsing hook, after the caller's audience is settled). A route
 * whose body schema is keyed by media type (JSON or a multipart upload) gets only those: Fastify
 * validates such a body only when its type is one of them, so any other type a parser exists for
 * (the CSV import's text/csv) would reach the handler unvalidated (found by test/fuzz). A 415.
 */
export async function refuseUndeclaredMediaType<T>(request: FastifyRequest, _reply: FastifyReply, payload: T): Promise<T> {
  const content = (request.routeOptions.schema?.body as { content?: Record<string, unknown> } | undefined)?.content;
  const header = request.headers["content-type"];
  if (content && header !== undefined) {
    const type = (header.split(";")[0] ?? "").trim().toLowerCase();
    if (!Object.hasOwn(content, type)) {
      throw new AppError("unsupported_media_type", httpWords.mediaTypeNotAccepted(Object.keys(content).join(", ")));
    }
  }
  return payload;
}
