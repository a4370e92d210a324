import { realDate } from "./local-date.ts";

/**
 * A billing period of local dates (from and to inclusive, YYYY-MM-DD) as instants in the
 * processor's zone: [start of from, start of the day after to).
 */
export function periodInstants(from: string, to: string, zone: string, fields = { from: "from", to: "to" }): { from: Date; to: Date } {
  const start = realDate(from, fields.from).toZonedDateTime({ timeZone: zone });
  const end = realDate(to, fields.to).add({ days: 1 }).toZonedDateTime({ timeZone: zone });
  return { from: new Date(start.epochMilliseconds), to: new Date(end.epochMilliseconds) };
}
