import type { Plugin } from "ajv";
import type { FastifyReply, FastifyRequest } from "fastify";
import formatsPlugin from "ajv-formats"; // CommonJS: its default export is also `.default`
import { fullFormats } from "ajv-formats/dist/formats.js";
import { AppError } from "./errors.ts";
import { LINE_PATTERN, TEXT_PATTERN } from "./schemas.ts";
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
// PostgreSQL and JavaScript share. input-policy.test.ts holds every route's request schemas to it
// (with the checker in test/support/schema-policy.ts).

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
