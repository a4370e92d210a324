import fc from "fast-check";
import type { JsonSchema } from "../support/schema-policy.ts";
import { LINE_PATTERN, NON_BLANK_LINE_PATTERN, TEXT_PATTERN } from "../../src/http/schemas.ts";

// fast-check arbitraries from an operation's own OpenAPI schemas: values of the documented shape
// (`valid`), and the same values with one thing wrong (`mutated`), the inputs issue #9 found a 500 with.

export interface Schema extends JsonSchema {
  required?: string[];
  minLength?: number;
  minItems?: number;
  default?: unknown;
}

/** Text a person types, tabs and newlines included where the policy allows them. */
const line = (min: number, max: number) => fc.string({ minLength: min, maxLength: max, unit: "grapheme" }).filter((s) => !/[\u0000-\u001f]/.test(s));
const text = (min: number, max: number) =>
  fc
    .array(fc.oneof({ weight: 8, arbitrary: fc.string({ unit: "grapheme", maxLength: 1 }) }, { weight: 1, arbitrary: fc.constantFrom("\n", "\t", "\r\n") }), {
      minLength: min,
      maxLength: max,
    })
    .map((parts) => parts.join(""))
    .filter((s) => s.length >= min && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s));

const YEAR_1000 = new Date("1000-01-01T00:00:00Z");
const YEAR_9999 = new Date("9999-12-31T23:59:59Z");

function stringOf(schema: Schema, ids: string[]): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, Math.max(min, 40));
  switch (schema.format) {
    case "uuid":
      return ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid();
    case "email":
      return fc.emailAddress().filter((e) => e.length <= (schema.maxLength ?? 254));
    case "date-time":
      return fc.date({ min: YEAR_1000, max: YEAR_9999, noInvalidDate: true }).map((d) => d.toISOString());
    case "uri":
      return fc.webUrl({ validSchemes: ["https", "http"] }).filter((u) => u.length <= (schema.maxLength ?? 2000));
    default:
      break;
  }
  switch (schema.pattern) {
    case undefined:
      return line(min, max);
    case LINE_PATTERN:
      return line(min, max);
    case NON_BLANK_LINE_PATTERN:
      return line(Math.max(min, 1), max).filter((s) => /\S/.test(s));
    case TEXT_PATTERN:
      return text(min, max);
    default:
      return fc.stringMatching(new RegExp(schema.pattern, "u")).filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity));
  }
}

/** A value of the schema's shape. `ids` are real records' ids, used for uuids most of the time. */
export function valid(schema: Schema, ids: string[] = []): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) {
    return fc.constant(schema.const);
  }
  if (schema.enum) {
    return fc.constantFrom(...schema.enum);
  }
  const options = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (options.length > 0) {
    return fc.oneof(...options.map((option) => valid(option, ids)));
  }
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types[0];
  switch (type) {
    case "string":
      return stringOf(schema, ids);
    case "integer":
      return fc.integer({ min: Math.max(schema.minimum ?? -1000, -(2 ** 31)), max: Math.min(schema.maximum ?? 1000, 2 ** 31 - 1) });
    case "number":
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const item = Array.isArray(schema.items) ? schema.items[0] : schema.items;
      return fc.array(valid(item ?? {}, ids), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    }
    case "object": {
      const properties = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) {
        record[name] = valid(property, ids);
      }
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values no schema of the policy accepts where a field of another kind is expected. */
export const WRONG_VALUES: readonly unknown[] = [
  "a\u0000b",
  "\u0000",
  "line\u0007bell",
  "esc\u001b[31m",
  "x".repeat(100_001),
  "2026-12-31T23:59:60Z",
  "0000-01-01T00:00:00Z",
  "1e400",
  "1e20",
  1e20,
  -1,
  -2_147_483_649,
  2_147_483_648,
  1.5,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  null,
  {},
  [],
  [[["deep"]]],
  { nested: { a: "\u0000" } },
  "javascript:alert(1)",
  "\ud800",
  "",
];

type Path = (string | number)[];

/** Every place in a JSON value: the root, each property and each item. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  const here: Path[] = [at];
  if (Array.isArray(value)) {
    value.forEach((item, index) => here.push(...pathsOf(item, [...at, index])));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      here.push(...pathsOf(item, [...at, key]));
    }
  }
  return here;
}

function setAt(value: unknown, path: Path, replacement: unknown | typeof REMOVE): unknown {
  if (path.length === 0) {
    return replacement === REMOVE ? undefined : replacement;
  }
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(value)) {
    const copy = [...value];
    const next = setAt(copy[head as number], rest, replacement);
    if (rest.length === 0 && replacement === REMOVE) {
      copy.splice(head as number, 1);
    } else {
      copy[head as number] = next;
    }
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && replacement === REMOVE) {
    delete copy[head as string];
  } else {
    copy[head as string] = setAt(copy[head as string], rest, replacement);
  }
  return copy;
}
const REMOVE = Symbol("remove");

/** A valid value with one place changed: a wrong value, a field removed, an extra field, a control character appended. */
export function mutated(value: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(value);
  return fc
    .tuple(fc.constantFrom(...paths), fc.integer({ min: 0, max: 3 }), fc.constantFrom(...WRONG_VALUES), fc.constantFrom("\u0000", "\u0001", "\u001f", "\u000b"))
    .map(([path, how, wrong, control]) => {
      const current = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], value);
      switch (how) {
        case 0:
          return setAt(value, path, wrong);
        case 1:
          return path.length > 0 ? setAt(value, path, REMOVE) : wrong;
        case 2:
          return current !== null && typeof current === "object" && !Array.isArray(current)
            ? setAt(value, [...path, "extra"], wrong)
            : setAt(value, path, wrong);
        default:
          return typeof current === "string" ? setAt(value, path, `${current}${control}`) : setAt(value, path, wrong);
      }
    });
}
