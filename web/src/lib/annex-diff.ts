import type { AnnexContent } from "../api/types";

export const ANNEX_PARTS = ["services", "purposes", "dataCategories", "subjectCategories"] as const;
export type AnnexPart = (typeof ANNEX_PARTS)[number];
type AnnexItem = AnnexContent[AnnexPart][number];

export type AnnexChanges = Record<AnnexPart, { added: AnnexItem[]; removed: AnnexItem[] }>;

/** What changed from one Annex 1 version to another, by code, per part (1A–1D). */
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
  return out;
}

export function hasChanges(changes: AnnexChanges): boolean {
  return ANNEX_PARTS.some((p) => changes[p].added.length > 0 || changes[p].removed.length > 0);
}
