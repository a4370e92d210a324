import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { measuresInPlace, insertReviews, setOwnersAndReviews } from "./queries.ts";
import { ensureReviewDuties } from "./review-duties.ts";
import { measureWords } from "./words.ts";

/** The public trust page's summary: the measures in place by name and theme; no owners, no evidence, no reviews. */
export async function publicMeasures(tx: Db) {
  return (await measuresInPlace(tx)).map((m) => ({
    code: m.code,
    theme: m.theme,
    themeLabel: measureWords.theme[m.theme],
    title: { nl: m.titleNl, en: m.titleEn },
  }));
}

const DAY_MS = 86_400_000;

/**
 * The demo's register: owners and last reviews relative to the demo's start, so that a few reviews
 * are due within weeks and one is overdue; then the review duties (set-based: three statements and
 * the duties' own inserts, whatever the number of measures).
 */
export async function seedMeasureRegister(tx: Db, clock: Clock, owners: { security: string; privacy: string }) {
  const now = clock.now().getTime();
  const inPlace = await measuresInPlace(tx);
  const rows = inPlace.map((m, i) => {
    // 12-month interval: index 0 overdue (reviewed 13 months ago), 1–3 due in about 1–3 weeks, the rest reviewed 1–9 months ago.
    const daysAgo = i === 0 ? 395 : i <= 3 ? 365 - 7 * i : 30 + ((i * 37) % 240);
    return {
      code: m.code,
      ownerUserId: m.theme === "people" || m.theme === "organisational" ? owners.privacy : owners.security,
      lastReviewedAt: new Date(now - daysAgo * DAY_MS),
    };
  });
  const updated = await setOwnersAndReviews(tx, rows);
  await insertReviews(
    tx,
    updated.map((m) => ({
      measureId: m.id,
      reviewedAt: m.lastReviewedAt ?? new Date(now),
      reviewedBy: m.ownerUserId,
      note: "Periodieke beoordeling: maatregel werkt zoals beschreven. / Periodic review: the measure works as described.",
      inTime: true,
      createdAt: new Date(now),
    })),
  );
  return ensureReviewDuties(tx, clock);
}
