import { LINE_PATTERN, NON_BLANK_LINE_PATTERN, TEXT_PATTERN } from "../../src/http/schemas.ts";

// The checker input-policy.test.ts holds every route's request schemas to (src/http/input-policy.ts:
// the policy itself). Test code: the server never walks its own schemas.

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
