import type { Annex2Changes } from "../../domain/annex2.ts";
import { formatDate } from "../../domain/legal-time.ts";
import { defineNoticeKind, publicUrl } from "../notices/index.ts";
import { measureWords } from "./words.ts";

// What the measures module tells every customer with an agreement: a new version of Annex 2 (art.
// 7.1) and what changed in it. One notice per customer; the data is the same for each.

export interface Annex2Published {
  kind: "annex2_published";
  version: number;
  previousVersion: number | null;
  publishedAt: string;
  changes: Annex2Changes;
  note: string;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    annex2_published: Annex2Published;
  }
}

export const MEASURE_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "annex2_published",
    label: measureWords.noticeKind,
    templates: new URL("./notice-templates/", import.meta.url),
    acknowledged: false,
    toCustomer: () => true,
    view: (data, locale, zone) => {
      const titles = (list: { title: { nl: string; en: string } }[]) => list.map((m) => ({ title: m.title[locale] }));
      return {
        version: data.version,
        previousVersion: data.previousVersion,
        publishedDate: formatDate(new Date(data.publishedAt), zone, locale),
        added: titles(data.changes.added),
        removed: titles(data.changes.removed),
        changed: titles(data.changes.changed),
        hasAdded: data.changes.added.length > 0,
        hasRemoved: data.changes.removed.length > 0,
        hasChanged: data.changes.changed.length > 0,
        note: data.note,
        hasNote: data.note.trim() !== "",
        measuresUrl: `${publicUrl()}/portal/measures`,
      };
    },
  }),
];
