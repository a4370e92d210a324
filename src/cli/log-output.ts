import { createRequire } from "node:module";
import { pino, type Logger } from "pino";
import type PinoPretty from "pino-pretty";
import { loggerOptions } from "../http/logging.ts";

export type LogFormat = "pretty" | "json";
export const LOG_FORMATS: readonly LogFormat[] = ["pretty", "json"];

/**
 * How log lines look: `--log-format`, else ART28_LOG_FORMAT, else lines a person reads when stdout is
 * a terminal and JSON (one object a line, for a log collector) when it is not.
 */
export function logFormat(flag: string | undefined, env: NodeJS.ProcessEnv, stdoutIsTerminal: boolean): LogFormat {
  const chosen = flag ?? env.ART28_LOG_FORMAT?.trim().toLowerCase();
  if (chosen === undefined || chosen === "") {
    return stdoutIsTerminal ? "pretty" : "json";
  }
  if (chosen !== "pretty" && chosen !== "json") {
    throw new Error(`log format "${chosen}": use pretty or json (--log-format, ART28_LOG_FORMAT)`);
  }
  return chosen;
}

/**
 * The process's logger with the same options (redaction, serializers) in either format. Pretty lines
 * are written synchronously, like the JSON ones, so they never land inside the start-up banner.
 */
export function processLogger(level: string, format: LogFormat): Logger {
  if (format === "json") {
    return pino(loggerOptions(level));
  }
  // Loaded only for a person's terminal: a server logging JSON never loads it.
  const pretty = createRequire(import.meta.url)("pino-pretty") as typeof PinoPretty;
  return pino(
    loggerOptions(level),
    pretty({
      sync: true,
      colorize: process.stdout.isTTY === true,
      translateTime: "SYS:HH:MM:ss",
      // One line a request: "request completed GET /api/v1/trust 200".
      messageFormat: "{msg}{if req.method} {req.method} {req.url}{end}{if res.statusCode} {res.statusCode}{end}",
      ignore: "pid,hostname,reqId,req,res,responseTime",
    }),
  );
}
