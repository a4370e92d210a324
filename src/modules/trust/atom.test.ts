import { test } from "node:test";
import assert from "node:assert/strict";
import Parser from "rss-parser";
import { EMPTY_FEED_UPDATED, buildAtomFeed, type AtomFeedInput, type FeedChange } from "./atom.ts";

// A third-party reader (rss-parser reads Atom) stands in for the customer's feed reader. It gives
// the feed's <updated> as lastBuildDate, an entry's <published> as pubDate.
const parser = new Parser<{ id: string; lastBuildDate: string }, { id: string; updated: string }>({
  customFields: { feed: ["id"], item: ["id", "updated"] },
});

const BASE = "http://127.0.0.1:3000";
const ADD_ID = "0b9a3c9e-1111-4a2b-8c3d-123456789abc";
const RELOCATE_ID = "7f0e5d2c-2222-4b3c-9d4e-abcdef012345";
const WITHDRAWN_ID = "a1b2c3d4-3333-4c5d-8e6f-0123456789ab";

function change(overrides: Partial<FeedChange> = {}): FeedChange {
  return {
    id: ADD_ID,
    kind: "add",
    status: "announced",
    subprocessorName: "Acme",
    countries: ["DE"],
    description: { nl: "Back-ups gaan naar Acme.", en: "Backups move to Acme." },
    // Announced Thu 26 Mar 2026 (CET); the 14-day window ends 9 Apr 23:59:59.999 CEST.
    announcedAt: new Date("2026-03-26T10:00:00Z"),
    updatedAt: new Date("2026-03-26T10:00:00Z"),
    effectiveAt: new Date("2026-04-20T08:00:00Z"),
    windowClosesAt: new Date("2026-04-09T21:59:59.999Z"),
    ...overrides,
  };
}

const relocated = change({
  id: RELOCATE_ID,
  kind: "relocate",
  status: "effective",
  subprocessorName: "Mailer",
  countries: ["US", "IE"],
  description: { nl: "Mailer verhuist naar de VS.", en: "Mailer moves to the US." },
  announcedAt: new Date("2025-12-01T09:00:00Z"),
  updatedAt: new Date("2026-01-05T12:00:00Z"),
  effectiveAt: new Date("2026-01-05T12:00:00Z"),
  windowClosesAt: new Date("2025-12-15T22:59:59.999Z"),
});

const withdrawn = change({
  id: WITHDRAWN_ID,
  kind: "remove",
  status: "withdrawn",
  subprocessorName: "OldCo",
  countries: [],
  announcedAt: new Date("2025-11-01T09:00:00Z"),
  updatedAt: new Date("2025-11-03T09:00:00Z"),
  effectiveAt: new Date("2025-11-20T09:00:00Z"),
  windowClosesAt: null,
});

function input(overrides: Partial<AtomFeedInput> = {}): AtomFeedInput {
  return {
    processorName: "Norisk Software BV",
    baseUrl: BASE,
    locale: "en",
    zone: "Europe/Amsterdam",
    changes: [relocated, change(), withdrawn],
    ...overrides,
  };
}

/** Titles are type="html": what a reader shows is the text after decoding the entities. */
function shown(html: string | undefined): string {
  return (html ?? "").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");
}

test("a reader sees the feed's id, links and the newest change as its update time", async () => {
  const feed = await parser.parseString(buildAtomFeed(input()));
  assert.equal(feed.id, `${BASE}/trust`);
  assert.equal(feed.title, "Norisk Software BV: sub-processor changes");
  assert.equal(feed.link, `${BASE}/trust`);
  assert.equal(feed.feedUrl, `${BASE}/api/v1/trust/changes.atom?lang=en`);
  assert.equal(feed.lastBuildDate, "2026-03-26T10:00:00.000Z");
});

test("entries: newest first, with stable ids, links to the trust page, published and updated", async () => {
  const feed = await parser.parseString(buildAtomFeed(input()));
  assert.deepEqual(
    feed.items.map((item) => [item.title, item.id, item.link, item.pubDate, item.updated]),
    [
      [
        "Announced: new sub-processor Acme (DE)",
        `urn:uuid:${ADD_ID}`,
        `${BASE}/trust#change-${ADD_ID}`,
        "2026-03-26T10:00:00.000Z",
        "2026-03-26T10:00:00.000Z",
      ],
      [
        "In effect: new location of sub-processor Mailer (US, IE)",
        `urn:uuid:${RELOCATE_ID}`,
        `${BASE}/trust#change-${RELOCATE_ID}`,
        "2025-12-01T09:00:00.000Z",
        "2026-01-05T12:00:00.000Z",
      ],
      [
        "Withdrawn: removal of sub-processor OldCo",
        `urn:uuid:${WITHDRAWN_ID}`,
        `${BASE}/trust#change-${WITHDRAWN_ID}`,
        "2025-11-01T09:00:00.000Z",
        "2025-11-03T09:00:00.000Z",
      ],
    ],
  );
});

test("content: description, country names, window end with its offset, effective date, in the zone", async () => {
  const [added, moved, gone] = (await parser.parseString(buildAtomFeed(input()))).items;
  assert.equal(
    added?.contentSnippet,
    "Backups move to Acme.\n\nCountries: Germany\nObjection window closes: 9 Apr 2026 23:59 (UTC+02:00)\nPlanned effective date: 20 Apr 2026",
  );
  // A window ending in winter shows the winter offset.
  assert.match(moved?.contentSnippet ?? "", /Countries: United States of America, Ireland\n/);
  assert.match(moved?.contentSnippet ?? "", /Objection window closes: 15 Dec 2025 23:59 \(UTC\+01:00\)\nIn effect since: 5 Jan 2026$/);
  assert.match(gone?.contentSnippet ?? "", /withdrawn and will not take place/);
  assert.doesNotMatch(gone?.contentSnippet ?? "", /effective date|since/);
});

test("Dutch: titles, country names and dates in Dutch, self link with lang=nl", async () => {
  const feed = await parser.parseString(buildAtomFeed(input({ locale: "nl", changes: [change(), relocated] })));
  assert.equal(feed.title, "Norisk Software BV: wijzigingen in subverwerkers");
  assert.equal(feed.feedUrl, `${BASE}/api/v1/trust/changes.atom?lang=nl`);
  assert.deepEqual(
    feed.items.map((item) => item.title),
    ["Aangekondigd: nieuwe subverwerker Acme (DE)", "Van kracht: nieuwe locatie subverwerker Mailer (US, IE)"],
  );
  assert.equal(
    feed.items[0]?.contentSnippet,
    "Back-ups gaan naar Acme.\n\nLanden: Duitsland\nBezwaartermijn eindigt: 09-04-2026 23:59 (UTC+02:00)\nBeoogde ingangsdatum: 20-04-2026",
  );
  assert.match(feed.items[1]?.contentSnippet ?? "", /Landen: Verenigde Staten, Ierland/);
});

test("deterministic: the same changes give the same bytes, in whatever order they come", () => {
  const once = buildAtomFeed(input());
  assert.equal(buildAtomFeed(input()), once);
  assert.equal(buildAtomFeed(input({ changes: [withdrawn, change(), relocated] })), once);
  assert.equal(buildAtomFeed(input({ baseUrl: `${BASE}/` })), once);
});

test("names with < & > and a CDATA end stay well-formed and show as written", async () => {
  const name = `Acme <&> ]]> "Cloud"`;
  const xml = buildAtomFeed(
    input({
      processorName: "Norisk <&> BV",
      changes: [change({ subprocessorName: name, description: { nl: "<b>x</b> & y", en: "<script>alert(1)</script> & y" } })],
    }),
  );
  assert.doesNotMatch(xml, /<script>/);
  const feed = await parser.parseString(xml);
  assert.equal(feed.title, "Norisk <&> BV: sub-processor changes");
  assert.equal(shown(feed.items[0]?.title), `Announced: new sub-processor ${name} (DE)`);
  assert.match(feed.items[0]?.contentSnippet ?? "", /^<script>alert\(1\)<\/script> & y\n/);
});

test("an empty feed parses, with a fixed update time instead of now", async () => {
  const xml = buildAtomFeed(input({ changes: [] }));
  const feed = await parser.parseString(xml);
  assert.deepEqual(feed.items, []);
  assert.equal(feed.lastBuildDate, EMPTY_FEED_UPDATED.toISOString());
  assert.equal(feed.lastBuildDate, "1970-01-01T00:00:00.000Z");
  assert.equal(buildAtomFeed(input({ changes: [] })), xml);
});

test("a change id that is not a UUID is refused: its entry id would not be a valid, stable URN", () => {
  assert.throws(() => buildAtomFeed(input({ changes: [change({ id: "42" })] })), /must be a UUID/);
});
