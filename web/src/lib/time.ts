import type { TFunction } from "i18next";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A span of time in words, two units at most ("3 dagen 4 uur", "2 hours 10 minutes"): precise
 * enough to act on, short enough to read in a table. Sign is ignored.
 */
export function formatSpan(ms: number, t: TFunction): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) {
    return t("time.lessThanMinute");
  }
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  if (days > 0) {
    return hours > 0 ? `${t("time.days", { count: days })} ${t("time.hours", { count: hours })}` : t("time.days", { count: days });
  }
  if (hours > 0) {
    return minutes > 0 ? `${t("time.hours", { count: hours })} ${t("time.minutes", { count: minutes })}` : t("time.hours", { count: hours });
  }
  return t("time.minutes", { count: minutes });
}

/** "nog 3 dagen 4 uur" or "2 uur te laat", from milliseconds until a due instant (negative when past). */
export function formatRemaining(ms: number, t: TFunction): string {
  return ms >= 0 ? t("time.left", { span: formatSpan(ms, t) }) : t("time.overdue", { span: formatSpan(ms, t) });
}

/** Milliseconds from now until an ISO instant. */
export const msUntil = (iso: string, now = Date.now()): number => new Date(iso).getTime() - now;
