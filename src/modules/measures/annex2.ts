import type { Db } from "../../db/engine.ts";
import type { Annex2 } from "../../domain/agreement-document.ts";
import type { Annex2Measure } from "../../domain/annex2.ts";
import type { Locale } from "../../domain/text.ts";
import { latestAnnex2, measuresInPlace, type MeasureRow } from "./queries.ts";

/** A measure in place as Annex 2 publishes it. */
export function toAnnex2Measure(m: MeasureRow): Annex2Measure {
  return {
    code: m.code,
    theme: m.theme,
    category: { nl: m.categoryNl, en: m.categoryEn },
    title: { nl: m.titleNl, en: m.titleEn },
    description: { nl: m.descriptionNl, en: m.descriptionEn },
  };
}

/** The measures Annex 2 would hold if published now. */
export async function draftAnnex2(tx: Db): Promise<Annex2Measure[]> {
  return (await measuresInPlace(tx)).map(toAnnex2Measure);
}

/** Annex 2 in one language, as the agreement document shows it. */
export function annex2ForLocale(measures: readonly Annex2Measure[], locale: Locale): Annex2 {
  return { measures: measures.map((m) => ({ category: m.category[locale], title: m.title[locale], description: m.description[locale] })) };
}

/**
 * The Annex 2 an agreement shows until it is signed (art. 7.1): the version published last, with its
 * id so signing can keep it. Before any version was published (an installation from before Annex 2
 * had versions), the measures in place, with no id.
 */
export async function currentAnnex2(tx: Db, locale: Locale): Promise<{ versionId: string | null; version: number | null; annex2: Annex2 }> {
  const latest = await latestAnnex2(tx);
  if (latest) {
    return { versionId: latest.id, version: latest.version, annex2: annex2ForLocale(latest.measures, locale) };
  }
  return { versionId: null, version: null, annex2: annex2ForLocale(await draftAnnex2(tx), locale) };
}

/**
 * Annex 2 as in force now, in both languages: the version published last, or (before any was
 * published) the measures in place with no version. The register of processing (art. 30(2)(d)) reads it.
 */
export async function annex2InForce(tx: Db): Promise<{ version: number | null; measures: Annex2Measure[] }> {
  const latest = await latestAnnex2(tx);
  return latest ? { version: latest.version, measures: latest.measures } : { version: null, measures: await draftAnnex2(tx) };
}
