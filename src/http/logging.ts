import type { LoggerOptions } from "pino";

// Logs carry no personal data (DESIGN.md "Security"): no request bodies, no query values, no
// secrets in paths, and an error is logged by its kind, its code and where it happened, never with
// the values it was about. A database error from drizzle carries the statement's parameters (its
// message ends in "params: …") and PostgreSQL quotes the offending value in its message and detail
// ("invalid input syntax for type integer: "jan@example.nl"", "Key (email)=(…)"): all dropped.

const REDACTED = "[redacted]";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Fields of an error that name a place, not a value (PostgreSQL's error fields among them). */
const SAFE_ERROR_FIELDS = ["code", "statusCode", "severity", "routine", "schema", "table", "column", "constraint", "dataType", "errno", "syscall"] as const;
const MAX_CAUSES = 5;

/** A text without the values in it: drizzle's parameter list, quoted strings, "(key)=(value)" pairs. */
export function redactValues(text: string): string {
  return text
    .replace(/\n?params: [\s\S]*$/, `\nparams: ${REDACTED}`)
    .replace(/"(?:[^"\\]|\\.)*"/g, `"${REDACTED}"`)
    .replace(/'(?:[^'\\]|\\.)*'/g, `'${REDACTED}'`)
    .replace(/\)=\([^)]*\)/g, `)=(${REDACTED})`);
}

interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  cause?: LoggedError;
  [field: string]: unknown;
}

/** An error as it is logged: its type, message with values redacted, stack frames, safe fields, cause. */
export function errorForLog(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) {
    return { type: typeof error, message: REDACTED };
  }
  const type = error.constructor.name || error.name;
  const message = redactValues(error.message);
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  const logged: LoggedError = { type, message, stack: [`${type}: ${message}`, ...frames].join("\n") };
  const fields = error as unknown as Record<string, unknown>;
  for (const field of SAFE_ERROR_FIELDS) {
    const value = fields[field];
    if (typeof value === "string" || typeof value === "number") {
      logged[field] = value;
    }
  }
  if (error.cause !== undefined && depth < MAX_CAUSES) {
    logged.cause = errorForLog(error.cause, depth + 1);
  }
  return logged;
}

interface RequestLike {
  method?: string;
  url?: string;
  id?: string;
  params?: unknown;
  routeOptions?: { url?: string };
}

/**
 * A request as it is logged: the method and the path, with query values left out and a path
 * parameter shown only when it is a record's id (a calendar feed's secret token is not).
 */
export function requestForLog(request: RequestLike): { method?: string; url: string } {
  const raw = request.url ?? "";
  const [path = "", query] = raw.split("?", 2);
  const pattern = request.routeOptions?.url;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const shownPath = pattern
    ? pattern.replace(/:([A-Za-z0-9_]+)/g, (whole, name: string) => {
        const value = params[name];
        return typeof value === "string" && UUID.test(value) ? value : whole;
      })
    : path;
  const keys = query === undefined ? [] : [...new URLSearchParams(query).keys()];
  const shownQuery = keys.length > 0 ? `?${[...new Set(keys)].map((k) => `${encodeURIComponent(k)}=${REDACTED}`).join("&")}` : "";
  return { method: request.method, url: `${shownPath}${shownQuery}` };
}

/**
 * The pino options of every Art28 process (serve, worker): the serializers above, bodies, queries,
 * headers and passwords removed wherever they appear, and drizzle's parameter list cut from any
 * message that quotes an error's text.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    serializers: { req: requestForLog, err: errorForLog, error: errorForLog },
    redact: {
      paths: ["body", "*.body", "query", "*.query", "params", "*.params", "headers", "*.headers", "password", "*.password"],
      remove: true,
    },
    hooks: {
      logMethod(args, method) {
        const cleaned = args.map((arg: unknown) => (typeof arg === "string" ? arg.replace(/\n?params: [\s\S]*$/, `\nparams: ${REDACTED}`) : arg));
        method.apply(this, cleaned as Parameters<typeof method>);
      },
    },
  };
}
