import type { AnnexContent, Locale } from "../api/types";

export const ANNEX_PARTS = ["services", "purposes", "dataCategories", "subjectCategories"] as const;
export type AnnexPart = (typeof ANNEX_PARTS)[number];
type AnnexItem = AnnexContent[AnnexPart][number];
/** A sub-processor as Annex 1E lists it (art. 5, 3.1). */
export type AnnexSubprocessor = NonNullable<AnnexContent["subprocessors"]>[number];

export interface SubprocessorChanges {
  added: AnnexSubprocessor[];
  removed: AnnexSubprocessor[];
  /** In both versions, in other countries now (as they are in the newer version). */
  relocated: AnnexSubprocessor[];
}

export type AnnexChanges = Record<AnnexPart, { added: AnnexItem[]; removed: AnnexItem[] }> & { subprocessors: SubprocessorChanges };

const countryCodes = (s: AnnexSubprocessor): string => [...new Set(s.locations.map((l) => l.country))].sort().join(",");

/**
 * What changed from one Annex 1 version to another, by code, per part (1A–1E). A version stored
 * before 1E existed has no sub-processor list: it counts as an empty one, as on the server.
 */
export function diffAnnexContent(from: AnnexContent, to: AnnexContent): AnnexChanges {
  const out = {} as AnnexChanges;
  for (const part of ANNEX_PARTS) {
    const before = new Set(from[part].map((i) => i.code));
    const after = new Set(to[part].map((i) => i.code));
    out[part] = {
      added: to[part].filter((i) => !before.has(i.code)),
      removed: from[part].filter((i) => !after.has(i.code)),
    };
  }
  const [was, now] = [from.subprocessors ?? [], to.subprocessors ?? []];
  out.subprocessors = {
    added: now.filter((s) => !was.some((w) => w.code === s.code)),
    removed: was.filter((w) => !now.some((s) => s.code === w.code)),
    relocated: now.filter((s) => {
      const before = was.find((w) => w.code === s.code);
      return before !== undefined && countryCodes(before) !== countryCodes(s);
    }),
  };
  return out;
}

export function hasChanges(changes: AnnexChanges): boolean {
  const s = changes.subprocessors;
  return ANNEX_PARTS.some((p) => changes[p].added.length > 0 || changes[p].removed.length > 0) || s.added.length + s.removed.length + s.relocated.length > 0;
}

const countryNames: Partial<Record<Locale, Intl.DisplayNames>> = {};

/** A sub-processor's countries by name in the reader's language, in the order of its locations. */
export function subprocessorCountries(s: AnnexSubprocessor, lang: Locale): string {
  const names = (countryNames[lang] ??= new Intl.DisplayNames([lang], { type: "region" }));
  return [...new Set(s.locations.map((l) => l.country))].map((code) => names.of(code) ?? code).join(", ");
}
