import { createHash } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import { diffAnnex2, hasChanges, MEASURE_THEMES } from "../../domain/annex2.ts";
import { toAnnex2Measure } from "./annex2.ts";
import type { Clock } from "../../domain/clock.ts";
import { formatDate, formatInstant } from "../../domain/legal-time.ts";
import type { Locale } from "../../domain/text.ts";
import { findProcessor } from "../processor/index.ts";
import { renderReportPdf } from "./documents/report-pdf.ts";
import { latestAnnex2, measuresInPlace } from "./queries.ts";
import { measureWords } from "./words.ts";

/**
 * The measures report (art. 2.2: what measures the processor takes; art. 7.1): every measure in
 * place with its theme, description and last review, and the Annex 2 version it reflects. Never the
 * evidence files, never the owners. For staff, and for any user of a customer (the same facts the
 * agreement's Annex 2 and the trust page give, plus the review dates). The case that answers a
 * customer's 14-day question attaches it; `version` is the Annex 2 version (null: none published).
 */
export async function measuresReport(tx: Db, locale: Locale, clock: Clock): Promise<{ pdf: Uint8Array; sha256: string; version: number | null }> {
  const processor = await findProcessor(tx);
  const inPlace = await measuresInPlace(tx);
  const latest = await latestAnnex2(tx);
  const w = measureWords.report;
  const zone = processor.timeZone;
  const themes = MEASURE_THEMES.map((theme) => ({
    label: measureWords.theme[theme][locale],
    measures: inPlace
      .filter((m) => m.theme === theme)
      .map((m) => ({
        title: locale === "nl" ? m.titleNl : m.titleEn,
        category: locale === "nl" ? m.categoryNl : m.categoryEn,
        description: locale === "nl" ? m.descriptionNl : m.descriptionEn,
        lastReview: m.lastReviewedAt ? formatDate(m.lastReviewedAt, zone, locale) : w.neverReviewed[locale],
      })),
  })).filter((t) => t.measures.length > 0);
  // The register may be ahead of the published Annex 2: the report says so rather than claim a version it does not match.
  const ahead = latest !== null && hasChanges(diffAnnex2(latest.measures, inPlace.map(toAnnex2Measure)));
  const version = latest
    ? `${w.annex2Version[locale]} ${latest.version} (${formatDate(latest.publishedAt, zone, locale)})${ahead ? `; ${w.unpublished[locale]}` : ""}`
    : w.noVersion[locale];
  const pdf = renderReportPdf({
    locale,
    title: w.title[locale],
    author: processor.name,
    processor: processor.name,
    subtitle: w.subtitle[locale],
    version,
    generated: `${w.generated[locale]} ${formatInstant(clock.now(), zone, locale)}`,
    lastReview: w.lastReview[locale],
    empty: w.empty[locale],
    note: w.note[locale],
    footer: `${processor.name} · ${w.title[locale]}`,
    page: w.page[locale],
    of: w.of[locale],
    themes,
  });
  return { pdf, sha256: createHash("sha256").update(pdf).digest("hex"), version: latest?.version ?? null };
}
