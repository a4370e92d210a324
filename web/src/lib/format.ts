/** The zone every instant is shown in (the processor's legal time). */
export const DISPLAY_ZONE = "Europe/Amsterdam";

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: DISPLAY_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZoneName: "longOffset",
});

/**
 * An ISO instant from the server as "30-03-2026 11:00 (UTC+02:00)": local time in Europe/Amsterdam
 * with its offset, so a reader never has to guess which side of a DST change a deadline falls.
 */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) {
    return "—";
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => partsFormatter.formatToParts(date).find((p) => p.type === type)?.value ?? "";
  const zone = part("timeZoneName").replace(/^GMT/, "");
  const offset = zone === "" ? "+00:00" : zone;
  return `${part("day")}-${part("month")}-${part("year")} ${part("hour")}:${part("minute")} (UTC${offset})`;
}

const weekdayFormatters = {
  nl: new Intl.DateTimeFormat("nl-NL", { timeZone: DISPLAY_ZONE, weekday: "short" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: DISPLAY_ZONE, weekday: "short" }),
};

/**
 * With the local weekday in front, "ma 30-03-2026 11:00 (UTC+02:00)": for a deadline counted in
 * hours, where "is that tomorrow or Monday?" is the first question.
 */
export function formatInstantWithDay(iso: string | null | undefined, lang: "nl" | "en"): string {
  if (!iso || Number.isNaN(new Date(iso).getTime())) {
    return formatInstant(iso);
  }
  return `${weekdayFormatters[lang].format(new Date(iso)).replace(/\.$/, "")} ${formatInstant(iso)}`;
}

/** Only the local date, "30-03-2026". */
export function formatDate(iso: string | null | undefined): string {
  return iso ? formatInstant(iso).slice(0, 10) : "—";
}

export function formatEuros(cents: number, locale: string): string {
  return new Intl.NumberFormat(locale === "en" ? "en-IE" : "nl-NL", { style: "currency", currency: "EUR" }).format(cents / 100);
}

/** "12,50" or "12.50" → 1250 cents; null when it is not an amount. */
export function parseEuros(text: string): number | null {
  const cleaned = text.trim().replace(/\s|€/g, "").replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) {
    return null;
  }
  return Math.round(Number(cleaned) * 100);
}

/** An amount for an input field: "12,50" in Dutch, "12.50" in English (parseEuros reads both). */
export function centsToInput(cents: number, locale: string): string {
  const text = (cents / 100).toFixed(2);
  return locale === "en" ? text : text.replace(".", ",");
}

/** First 12 hex digits of a hash, for tables; the full hash stays in the title. */
export function shortHash(hash: string | null | undefined): string {
  return hash ? `${hash.slice(0, 12)}…` : "—";
}
