import AjvCompiler from "@fastify/ajv-compiler";
import { SerializerSelector } from "@fastify/fast-json-stringify-compiler";
import type { FastifyServerOptions } from "fastify";

// Fastify's own compilers of route schemas (Ajv for input, fast-json-stringify for answers) with two
// changes: answers' nullables written so the serializer needs no Ajv (`directNullables`), and in
// `art28 serve` each route's validators and serializers compiled when the route is first called,
// not at start (about 300 routes: a third of building the app). The tests compile every one at
// start, so a schema a compiler refuses fails the suite rather than a user's request.

const DIRECT = new Set(["string", "integer", "number", "boolean", "object", "array"]);

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema => value !== null && typeof value === "object" && !Array.isArray(value);

/** `S | null` written as `anyOf: [S, { type: "null" }]` with S of one type: its S, else null. */
function nullableOfOneType(schema: Schema): Schema | null {
  const branches = schema.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2 || Object.keys(schema).some((key) => key !== "anyOf" && key !== "description")) {
    return null;
  }
  const [a, b] = branches as unknown[];
  const isNull = (branch: unknown) => isSchema(branch) && branch.type === "null" && Object.keys(branch).length === 1;
  const other = isNull(b) ? a : isNull(a) ? b : null;
  // A const or an enum stays in its anyOf: fast-json-stringify may write a const without reading the value.
  const plain = isSchema(other) && ["anyOf", "oneOf", "allOf", "const", "enum"].every((key) => other[key] === undefined);
  return plain && typeof other.type === "string" && DIRECT.has(other.type) ? other : null;
}

/**
 * A copy of a response schema for the serializer, with every nullable of one type (TypeBox's
 * `Type.Union([Type.String(), Type.Null()])`, an `anyOf`) written as `type: [S, "null"]`. The two say
 * the same; but fast-json-stringify serializes an `anyOf` by checking each value against each
 * branch with Ajv (a date-time's format included) on every answer, and a type list directly. On
 * the customer's dashboard those checks were a tenth of the request (bench/api, profiled). The
 * OpenAPI document and input validation keep the schemas as written.
 */
export function directNullables(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(directNullables);
  }
  if (!isSchema(schema)) {
    return schema;
  }
  const one = nullableOfOneType(schema);
  if (one) {
    return { ...(directNullables(one) as Schema), type: [one.type, "null"], ...(schema.description === undefined ? {} : { description: schema.description }) };
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = directNullables(value);
  }
  return out;
}

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]>;
type BuildSerializer = NonNullable<CompilersFactory["buildSerializer"]>;
type BuildValidator = NonNullable<CompilersFactory["buildValidator"]>;

/** The serializer factory: direct nullables; compiled at start, or on first use (`onFirstUse`). */
export function serializerFactory(onFirstUse: boolean): BuildSerializer {
  return (externalSchemas, options) => {
    const compile = SerializerSelector()(externalSchemas, options);
    return (route) => {
      const build = () => compile({ ...route, schema: directNullables(route.schema) as typeof route.schema });
      if (!onFirstUse) {
        return build();
      }
      let serialize: ((data: unknown) => string) | undefined;
      return (data: unknown) => (serialize ??= build())(data);
    };
  };
}

interface Validate {
  (data: unknown, context?: unknown): unknown;
  errors?: unknown;
  schemaEnv?: unknown;
}

/**
 * A validator compiled at its first call. Fastify reads two things of a validator besides calling
 * it: `schemaEnv` (an Ajv function: it is given its parent so it may coerce the root) and `errors`
 * after a refusal; both are the compiled validator's.
 */
function onFirstCall(build: () => Validate): Validate {
  let compiled: Validate | undefined;
  const validator = () => (compiled ??= build());
  const validate: Validate = (data, context) => {
    const inner = validator();
    const result = context === undefined ? inner(data) : inner(data, context);
    validate.errors = inner.errors;
    return result;
  };
  Object.defineProperty(validate, "schemaEnv", { get: () => validator().schemaEnv });
  return validate;
}

/** The validator factory (Ajv, with the app's options and plugins); compiled at start, or on first use. */
export function validatorFactory(onFirstUse: boolean): BuildValidator {
  const select = AjvCompiler();
  return (externalSchemas, options) => {
    const compile = select(externalSchemas, options);
    return onFirstUse ? (route) => onFirstCall(() => compile(route) as Validate) as ReturnType<typeof compile> : compile;
  };
}
