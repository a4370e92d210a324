/**
 * The Atom 1.0 feed (RFC 4287) of sub-processor changes on the public trust page (art. 5).
 *
 * Art. 5.2 has the processor announce an intended change before it takes effect so customers can
 * object within the window; the feed lets anyone follow those announcements without logging in.
 * Built from the change rows passed in, nothing else: no clock, so the same changes always give
 * the same bytes (a reader or cache sees "updated" move only when a change did).
 */
import { Feed } from "feed";
import type { Locale } from "../../domain/agreement-document.ts";
import { formatDate, formatInstant, type Zone } from "../../domain/legal-time.ts";
import { countryName } from "../../domain/transfers.ts";
import type { SubprocessorChangeKind } from "../../db/schema/index.ts";

export interface FeedChange {
  /** The change's UUID; the entry id is derived from it and never changes. */
  id: string;
  kind: SubprocessorChangeKind;
  status: "announced" | "effective" | "withdrawn";
  /** add: the proposed one; replace: the new one; remove/relocate: the one concerned. */
  subprocessorName: string;
  /** ISO 3166-1 alpha-2 codes of where it processes data (after the change). */
  countries: string[];
  description: { nl: string; en: string };
  announcedAt: Date;
  updatedAt: Date;
  effectiveAt: Date | null;
  windowClosesAt: Date | null;
}

export interface AtomFeedInput {
  processorName: string;
  /** Where the app is served, e.g. "http://127.0.0.1:3000" (a trailing slash is ignored). */
  baseUrl: string;
  locale: Locale;
  zone: Zone;
  changes: FeedChange[];
}

/** What an empty feed says it was updated at: fixed, never "now", so the output stays deterministic. */
export const EMPTY_FEED_UPDATED = new Date(0);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const WORDS = {
  nl: {
    feedTitle: (processor: string) => `${processor}: wijzigingen in subverwerkers`,
    feedSubtitle: "Aangekondigde en doorgevoerde wijzigingen in de subverwerkers (art. 5 van de verwerkersovereenkomst).",
    status: { announced: "Aangekondigd", effective: "Van kracht", withdrawn: "Ingetrokken" },
    kind: { add: "nieuwe subverwerker", replace: "vervangende subverwerker", remove: "verwijdering subverwerker", relocate: "nieuwe locatie subverwerker" },
    countries: "Landen",
    windowCloses: "Bezwaartermijn eindigt",
    plannedEffective: "Beoogde ingangsdatum",
    effectiveSince: "Van kracht sinds",
    withdrawn: "Deze wijziging is ingetrokken en gaat niet door.",
  },
  en: {
    feedTitle: (processor: string) => `${processor}: sub-processor changes`,
    feedSubtitle: "Announced and effective changes to the sub-processors (art. 5 of the data processing agreement).",
    status: { announced: "Announced", effective: "In effect", withdrawn: "Withdrawn" },
    kind: { add: "new sub-processor", replace: "replacement sub-processor", remove: "removal of sub-processor", relocate: "new location of sub-processor" },
    countries: "Countries",
    windowCloses: "Objection window closes",
    plannedEffective: "Planned effective date",
    effectiveSince: "In effect since",
    withdrawn: "This change has been withdrawn and will not take place.",
  },
} as const;

/** Entry titles and content are `type="html"`: text goes in escaped, so a name shows as written. */
function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/** e.g. "Announced: new sub-processor Acme (DE, US)" / "Aangekondigd: nieuwe subverwerker Acme (DE, US)". */
export function changeTitle(change: FeedChange, locale: Locale): string {
  const words = WORDS[locale];
  const where = change.countries.length > 0 ? ` (${change.countries.join(", ")})` : "";
  return `${words.status[change.status]}: ${words.kind[change.kind]} ${change.subprocessorName}${where}`;
}

function changeContent(change: FeedChange, locale: Locale, zone: Zone): string {
  const words = WORDS[locale];
  const facts: string[] = [];
  if (change.countries.length > 0) {
    facts.push(`${words.countries}: ${change.countries.map((code) => countryName(code, locale)).join(", ")}`);
  }
  if (change.windowClosesAt !== null) {
    // art. 5.2: the instant with its offset, since the window ends at 23:59:59.999 local.
    facts.push(`${words.windowCloses}: ${formatInstant(change.windowClosesAt, zone, locale)}`);
  }
  if (change.effectiveAt !== null && change.status !== "withdrawn") {
    const label = change.status === "effective" ? words.effectiveSince : words.plannedEffective;
    facts.push(`${label}: ${formatDate(change.effectiveAt, zone, locale)}`);
  }
  const parts = [`<p>${escapeHtml(change.description[locale])}</p>`];
  if (change.status === "withdrawn") {
    parts.push(`<p>${escapeHtml(words.withdrawn)}</p>`);
  }
  if (facts.length > 0) {
    parts.push(`<ul>${facts.map((fact) => `<li>${escapeHtml(fact)}</li>`).join("")}</ul>`);
  }
  return parts.join("");
}

/** Newest change first; ties broken by id so the order never depends on the query's. */
function newestFirst(a: FeedChange, b: FeedChange): number {
  return b.updatedAt.getTime() - a.updatedAt.getTime() || b.announcedAt.getTime() - a.announcedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The trust page's Atom feed in one language: one entry per change, its id `urn:uuid:<change id>`
 * (stable across edits, RFC 4287 §4.2.6), `updated` the change's last update and `published` its
 * announcement; the feed's `updated` is the newest entry's (or the epoch when there is none).
 */
export function buildAtomFeed(input: AtomFeedInput): string {
  const { locale, zone } = input;
  const base = input.baseUrl.replace(/\/+$/, "");
  const words = WORDS[locale];
  const changes = [...input.changes].sort(newestFirst);
  for (const change of changes) {
    if (!UUID.test(change.id)) {
      throw new RangeError(`change id must be a UUID for a stable entry id, got ${JSON.stringify(change.id)}`);
    }
  }

  const feed = new Feed({
    id: `${base}/trust`,
    title: words.feedTitle(input.processorName),
    description: words.feedSubtitle,
    link: `${base}/trust`,
    feed: `${base}/api/v1/trust/changes.atom?lang=${locale}`,
    updated: changes[0]?.updatedAt ?? EMPTY_FEED_UPDATED,
    // RFC 4287 §4.1.1: a feed without an author on every entry needs one on the feed.
    author: { name: input.processorName },
    generator: "Art28",
  });
  for (const change of changes) {
    feed.addItem({
      id: `urn:uuid:${change.id.toLowerCase()}`,
      title: escapeHtml(changeTitle(change, locale)),
      link: `${base}/trust#change-${change.id}`,
      date: change.updatedAt,
      published: change.announcedAt,
      content: changeContent(change, locale, zone),
    });
  }
  return feed.atom1();
}
