/**
 * Annex 2 (art. 7.1) as published versions: what a version holds and what changed between two.
 * Pure: the measures in, the difference out.
 */

/** The four themes of ISO/IEC 27001:2022 Annex A. */
export const MEASURE_THEMES = ["organisational", "people", "physical", "technological"] as const;
export type MeasureTheme = (typeof MEASURE_THEMES)[number];

/** One measure as Annex 2 published it. */
export interface Annex2Measure {
  code: string;
  theme: MeasureTheme;
  category: { nl: string; en: string };
  title: { nl: string; en: string };
  description: { nl: string; en: string };
}

/** What changed from the previous version: measures by code and title. */
export interface Annex2Changes {
  added: { code: string; title: { nl: string; en: string } }[];
  removed: { code: string; title: { nl: string; en: string } }[];
  changed: { code: string; title: { nl: string; en: string }; fields: string[] }[];
}

const FIELDS = ["theme", "category", "title", "description"] as const;

function same(a: Annex2Measure, b: Annex2Measure, field: (typeof FIELDS)[number]): boolean {
  const x = a[field];
  const y = b[field];
  return typeof x === "string" || typeof y === "string" ? x === y : x.nl === y.nl && x.en === y.en;
}

/**
 * What changed from `before` to `after`, by measure code: added, removed, and changed with the
 * fields that differ (theme, category, title, description). Order follows `after` (removed: `before`).
 */
export function diffAnnex2(before: readonly Annex2Measure[], after: readonly Annex2Measure[]): Annex2Changes {
  const old = new Map(before.map((m) => [m.code, m]));
  const now = new Set(after.map((m) => m.code));
  const changes: Annex2Changes = { added: [], removed: [], changed: [] };
  for (const m of after) {
    const prior = old.get(m.code);
    if (prior === undefined) {
      changes.added.push({ code: m.code, title: m.title });
    } else {
      const fields = FIELDS.filter((f) => !same(prior, m, f));
      if (fields.length > 0) {
        changes.changed.push({ code: m.code, title: m.title, fields: [...fields] });
      }
    }
  }
  for (const m of before) {
    if (!now.has(m.code)) {
      changes.removed.push({ code: m.code, title: m.title });
    }
  }
  return changes;
}

/** Whether a difference holds anything at all. */
export function hasChanges(changes: Annex2Changes): boolean {
  return changes.added.length + changes.removed.length + changes.changed.length > 0;
}
