import { test } from "node:test";
import assert from "node:assert/strict";
import { annexForLocale, deriveAnnexContent, diffAnnex, sameAnnex, type Catalogue } from "./annex.ts";

const t = (code: string) => ({ code, nl: `${code}-nl`, en: `${code}-en` });
const catalogue: Catalogue = {
  purposes: [t("hosting"), t("security"), t("billing")],
  dataCategories: [t("contact"), t("ip"), t("content")],
  subjectCategories: [t("customers"), t("visitors")],
  services: [
    { ...t("web"), purposes: ["hosting", "security"], dataCategories: ["ip", "content"], subjectCategories: ["visitors"] },
    { ...t("mail"), purposes: ["hosting"], dataCategories: ["contact", "content"], subjectCategories: ["customers"] },
    { ...t("invoice"), purposes: ["billing"], dataCategories: ["contact"], subjectCategories: ["customers"] },
  ],
};

test("content: services and the union of their terms, in catalogue order, whatever the input order", () => {
  const content = deriveAnnexContent(catalogue, ["mail", "web", "mail"]);
  assert.deepEqual(content.services.map((s) => s.code), ["web", "mail"]);
  assert.deepEqual(content.purposes.map((p) => p.code), ["hosting", "security"]);
  assert.deepEqual(content.dataCategories.map((p) => p.code), ["contact", "ip", "content"]);
  assert.deepEqual(annexForLocale(content, 4, "en").purposes, ["hosting-en", "security-en"]);
  assert.throws(() => deriveAnnexContent(catalogue, ["mainframe"]), /"mainframe"/);
});

test("diff names what was added and removed per list", () => {
  const before = deriveAnnexContent(catalogue, ["web"]);
  const after = deriveAnnexContent(catalogue, ["mail", "invoice"]);
  assert.deepEqual(diffAnnex(before, after), {
    added: { services: ["mail", "invoice"], purposes: ["billing"], dataCategories: ["contact"], subjectCategories: ["customers"] },
    removed: { services: ["web"], purposes: ["security"], dataCategories: ["ip"], subjectCategories: ["visitors"] },
  });
});

test("equality ignores key order (jsonb reorders keys) but not content", () => {
  const a = deriveAnnexContent(catalogue, ["web"]);
  const reordered = JSON.parse(JSON.stringify({ subjectCategories: a.subjectCategories, services: a.services, dataCategories: a.dataCategories, purposes: a.purposes })) as typeof a;
  assert.equal(sameAnnex(a, reordered), true);
  assert.equal(sameAnnex(a, deriveAnnexContent(catalogue, ["web", "mail"])), false);
});
