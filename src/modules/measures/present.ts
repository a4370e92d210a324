import { isOverdue } from "../../domain/legal-time.ts";
import type { Annex2Measure } from "../../domain/annex2.ts";
import { iso } from "../../http/schemas.ts";
import type { MeasureListRow } from "./queries.ts";
import { measureWords } from "./words.ts";

/** Review due "soon": within this many days (the register's filter). */
export const DUE_SOON_DAYS = 30;

export function presentMeasure(row: MeasureListRow, now: Date) {
  const { measure: m } = row;
  return {
    id: m.id,
    code: m.code,
    theme: m.theme,
    categoryNl: m.categoryNl,
    categoryEn: m.categoryEn,
    titleNl: m.titleNl,
    titleEn: m.titleEn,
    descriptionNl: m.descriptionNl,
    descriptionEn: m.descriptionEn,
    ownerUserId: m.ownerUserId,
    ownerName: row.ownerName,
    status: m.status,
    reviewIntervalMonths: m.reviewIntervalMonths,
    lastReviewedAt: iso(m.lastReviewedAt),
    reviewDueAt: iso(row.reviewDueAt),
    reviewOverdue: row.reviewDueAt !== null && isOverdue(row.reviewDueAt, now),
  };
}

/** Whether a measure passes the register's review filter. */
export function matchesReview(row: MeasureListRow, filter: "due" | "overdue", now: Date): boolean {
  if (row.reviewDueAt === null) {
    return false;
  }
  if (filter === "overdue") {
    return isOverdue(row.reviewDueAt, now);
  }
  return row.reviewDueAt.getTime() <= now.getTime() + DUE_SOON_DAYS * 86_400_000;
}

export function presentAnnex2Measure(m: Annex2Measure) {
  return { code: m.code, theme: m.theme, themeLabel: measureWords.theme[m.theme], category: m.category, title: m.title, description: m.description };
}
