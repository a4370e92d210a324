import { test } from "node:test";
import assert from "node:assert/strict";
import {
  annexForLocale,
  deriveAnnexContent,
  diffAnnex,
  sameAnnex,
  type AnnexContent,
  type Catalogue,
  type CatalogueSubprocessor,
  type InstructedPurpose,
} from "./annex.ts";
import type { TransferMechanism } from "./transfers.ts";

const t = (code: string) => ({ code, nl: `${code}-nl`, en: `${code}-en` });
const sub = (code: string, ...locations: CatalogueSubprocessor["locations"]): CatalogueSubprocessor => ({
  code,
  name: `${code} B.V.`,
  activity: { nl: `${code}-activiteit`, en: `${code}-activity` },
  locations,
});
const at = (country: string, city: string | null = null, mechanism: TransferMechanism | null = null) => ({ country, city, mechanism });
const catalogue: Catalogue = {
  purposes: [t("hosting"), t("security"), t("billing")],
  dataCategories: [t("contact"), t("ip"), t("content")],
  subjectCategories: [t("customers"), t("visitors")],
  services: [
    { ...t("web"), purposes: ["hosting", "security"], dataCategories: ["ip", "content"], subjectCategories: ["visitors"], subprocessors: ["datacentre"] },
    { ...t("mail"), purposes: ["hosting"], dataCategories: ["contact", "content"], subjectCategories: ["customers"], subprocessors: ["filter", "datacentre"] },
    { ...t("invoice"), purposes: ["billing"], dataCategories: ["contact"], subjectCategories: ["customers"], subprocessors: [] },
  ],
  subprocessors: [sub("filter", at("IE", "Dublin"), at("US", "Redmond", "dpf"), at("US", "Seattle", "dpf")), sub("datacentre", at("NL", "Amsterdam"))],
};

test("content: services and the union of their terms, in catalogue order, whatever the input order", () => {
  const content = deriveAnnexContent(catalogue, ["mail", "web", "mail"]);
  assert.deepEqual(
    content.services.map((s) => s.code),
    ["web", "mail"],
  );
  assert.deepEqual(
    content.purposes.map((p) => p.code),
    ["hosting", "security"],
  );
  assert.deepEqual(
    content.dataCategories.map((p) => p.code),
    ["contact", "ip", "content"],
  );
  assert.deepEqual(annexForLocale(content, 4, "en").purposes, ["hosting-en", "security-en"]);
  assert.throws(() => deriveAnnexContent(catalogue, ["mainframe"]), /"mainframe"/);
});

test("diff names what was added and removed per list", () => {
  const before = deriveAnnexContent(catalogue, ["web"]);
  const after = deriveAnnexContent(catalogue, ["mail", "invoice"]);
  assert.deepEqual(diffAnnex(before, after), {
    added: { services: ["mail", "invoice"], purposes: ["billing"], dataCategories: ["contact"], subjectCategories: ["customers"], subprocessors: ["filter"] },
    removed: { services: ["web"], purposes: ["security"], dataCategories: ["ip"], subjectCategories: ["visitors"], subprocessors: [] },
    relocated: [],
  });
});

test("1E: the active sub-processors of the services taken, once each, in catalogue order", () => {
  assert.deepEqual(
    deriveAnnexContent(catalogue, ["web", "mail"]).subprocessors?.map((s) => s.code),
    ["filter", "datacentre"],
  );
  assert.deepEqual(deriveAnnexContent(catalogue, ["invoice"]).subprocessors, [], "present and empty: the annex says there are none");
  const unknown: Catalogue = { ...catalogue, services: [{ ...t("web"), purposes: [], dataCategories: [], subjectCategories: [], subprocessors: ["gone"] }] };
  assert.throws(() => deriveAnnexContent(unknown, ["web"]), /gone/);
});

test("1E in a document: countries by name in its language, cities, and the ground of a transfer outside the EEA", () => {
  const content = deriveAnnexContent(catalogue, ["mail"]);
  assert.deepEqual(annexForLocale(content, 2, "nl").subprocessors, [
    {
      name: "filter B.V.",
      activity: "filter-activiteit",
      countries: [
        { name: "Ierland", cities: ["Dublin"], transfer: null },
        { name: "Verenigde Staten", cities: ["Redmond", "Seattle"], transfer: "Certificering onder het EU-VS Data Privacy Framework" },
      ],
    },
    { name: "datacentre B.V.", activity: "datacentre-activiteit", countries: [{ name: "Nederland", cities: ["Amsterdam"], transfer: null }] },
  ]);
  const elsewhere: Catalogue = {
    ...catalogue,
    subprocessors: [sub("filter", at("CH", "Zürich"), at("IN", null, "scc"), at("BR"))],
    services: catalogue.services.map((s) => ({ ...s, subprocessors: s.code === "mail" ? ["filter"] : [] })),
  };
  assert.deepEqual(annexForLocale(deriveAnnexContent(elsewhere, ["mail"]), 1, "en").subprocessors?.[0]?.countries, [
    { name: "Switzerland", cities: ["Zürich"], transfer: "Adequacy decision (GDPR art. 45)" },
    { name: "India", cities: [], transfer: "Standard contractual clauses (Implementing Decision (EU) 2021/914)" },
    // No ground recorded for a third country: the annex claims none (the back-office warns).
    { name: "Brazil", cities: [], transfer: null },
  ]);
});

/** An annex version as stored before 1E existed: the same lists, no `subprocessors` key. */
function storedBefore1E(content: AnnexContent): AnnexContent {
  const copy = structuredClone(content);
  delete copy.subprocessors;
  return copy;
}

test("an Annex 1 stored before 1E: no 1E in its document, equal to one without sub-processors, and the diff treats it as empty", () => {
  const stored = storedBefore1E(deriveAnnexContent(catalogue, ["invoice"]));
  assert.equal("subprocessors" in annexForLocale(stored, 1, "nl"), false, "rendered as it always was");
  assert.equal(sameAnnex(stored, deriveAnnexContent(catalogue, ["invoice"])), true, "no new version for the field alone");
  assert.equal(sameAnnex(deriveAnnexContent(catalogue, ["invoice"]), stored), true);
  const oldWeb = storedBefore1E(deriveAnnexContent(catalogue, ["web"]));
  const now = deriveAnnexContent(catalogue, ["web"]);
  assert.equal(sameAnnex(oldWeb, now), false, "a customer whose services use sub-processors gets them in a new version");
  assert.deepEqual(diffAnnex(oldWeb, now).added.subprocessors, ["datacentre"]);
  assert.deepEqual(diffAnnex(now, oldWeb).removed.subprocessors, ["datacentre"]);
});

test("diff: sub-processors added and removed, and those whose countries changed", () => {
  const before = deriveAnnexContent(catalogue, ["web", "mail"]);
  const moved: Catalogue = {
    ...catalogue,
    subprocessors: [sub("filter", at("IE", "Dublin")), sub("datacentre", at("NL", "Amsterdam"), at("DE", "Frankfurt"))],
    services: catalogue.services.map((s) => ({ ...s, subprocessors: s.code === "mail" ? ["datacentre"] : s.subprocessors })),
  };
  const after = deriveAnnexContent(moved, ["web", "mail"]);
  const diff = diffAnnex(before, after);
  assert.deepEqual(diff.added.subprocessors, []);
  assert.deepEqual(diff.removed.subprocessors, ["filter"]);
  assert.deepEqual(diff.relocated, ["datacentre"]);
  const cityOnly: Catalogue = { ...catalogue, subprocessors: [catalogue.subprocessors[0] as CatalogueSubprocessor, sub("datacentre", at("NL", "Rotterdam"))] };
  const d2 = diffAnnex(before, deriveAnnexContent(cityOnly, ["web", "mail"]));
  assert.deepEqual(d2.relocated, [], "another city in the same country is not a change of country");
  assert.equal(sameAnnex(before, deriveAnnexContent(cityOnly, ["web", "mail"])), false, "but it is a new annex");
});

test("equality ignores key order (jsonb reorders keys) but not content", () => {
  const a = deriveAnnexContent(catalogue, ["web"]);
  const reordered = JSON.parse(
    JSON.stringify({
      subprocessors: a.subprocessors,
      subjectCategories: a.subjectCategories,
      services: a.services,
      dataCategories: a.dataCategories,
      purposes: a.purposes,
    }),
  ) as typeof a;
  assert.equal(sameAnnex(a, reordered), true);
  assert.equal(sameAnnex(a, deriveAnnexContent(catalogue, ["web", "mail"])), false);
});

test("instructed purposes (art. 1.2): in 1B after the services' own, while a service they are for is taken, once", () => {
  const analytics: InstructedPurpose = {
    code: "instruction-v-2026-12",
    nl: "Fraudeanalyse",
    en: "Fraud analysis",
    services: ["web"],
    from: "2027-01-01",
    reference: "V-2026-12",
  };
  const billing: InstructedPurpose = { code: "billing", nl: "billing-nl", en: "billing-en", services: ["mail"], from: "2026-02-28", reference: "V-2026-13" };
  const content = deriveAnnexContent(catalogue, ["web", "mail"], [analytics, billing]);
  assert.deepEqual(
    content.purposes.map((p) => p.code),
    ["hosting", "security", "instruction-v-2026-12", "billing"],
  );
  assert.equal(content.purposes[2]?.nl, "Fraudeanalyse (schriftelijke instructie V-2026-12, vanaf 1 januari 2027)");
  assert.equal(content.purposes[3]?.en, "billing-en (written instruction V-2026-13, from 28 February 2026)");
  // Without the service it is for, the purpose leaves Annex 1 (and the diff says so).
  const without = deriveAnnexContent(catalogue, ["mail"], [analytics, billing]);
  assert.deepEqual(
    without.purposes.map((p) => p.code),
    ["hosting", "billing"],
  );
  assert.deepEqual(diffAnnex(content, without).removed.purposes, ["security", "instruction-v-2026-12"]);
  // A service that brings the purpose itself: listed once, as the catalogue's.
  const covered = deriveAnnexContent(catalogue, ["mail", "invoice"], [billing]);
  assert.deepEqual(
    covered.purposes.map((p) => p.nl),
    ["hosting-nl", "billing-nl"],
  );
  assert.ok(sameAnnex(deriveAnnexContent(catalogue, ["web"]), deriveAnnexContent(catalogue, ["web"], [])));
});
