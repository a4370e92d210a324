import { DISPLAY_ZONE } from "./format";

const offsetFormatter = new Intl.DateTimeFormat("en-GB", { timeZone: DISPLAY_ZONE, timeZoneName: "longOffset" });
const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: DISPLAY_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The zone's offset from UTC at an instant, in minutes (e.g. 60 in winter, 120 in summer in Amsterdam). */
function offsetMinutes(epochMs: number): number {
  const name = offsetFormatter.formatToParts(new Date(epochMs)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) {
    return 0;
  }
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

/**
 * A local date and time typed in a form ("2026-12-10T09:00", from <input type="datetime-local">),
 * read in the processor's zone, as an ISO instant; null when it is not a valid local time.
 * Two passes settle the offset on either side of a DST change.
 */
export function localToInstant(local: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) {
    return null;
  }
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let instant = wall - offsetMinutes(wall) * 60_000;
  instant = wall - offsetMinutes(instant) * 60_000;
  return Number.isNaN(instant) ? null : new Date(instant).toISOString();
}

/** An ISO instant as the value of a datetime-local input, in the processor's zone. */
export function instantToLocal(iso: string | null | undefined): string {
  if (!iso) {
    return "";
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return "";
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => partsFormatter.formatToParts(date).find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}`;
}
