import { Temporal } from "temporal-polyfill";

/**
 * A billing period of local dates (from and to inclusive, YYYY-MM-DD) as instants in the
 * processor's zone: [start of from, start of the day after to).
 */
export function periodInstants(from: string, to: string, zone: string): { from: Date; to: Date } {
  const start = Temporal.PlainDate.from(from).toZonedDateTime({ timeZone: zone });
  const end = Temporal.PlainDate.from(to).add({ days: 1 }).toZonedDateTime({ timeZone: zone });
  return { from: new Date(start.epochMilliseconds), to: new Date(end.epochMilliseconds) };
}
