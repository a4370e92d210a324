import { strict as assert } from "node:assert";
import { test } from "node:test";
import { diffAnnex2, hasChanges, type Annex2Measure } from "./annex2.ts";

const m = (code: string, titleEn = code, descriptionEn = "d"): Annex2Measure => ({
  code,
  theme: "technological",
  category: { nl: "c", en: "c" },
  title: { nl: titleEn, en: titleEn },
  description: { nl: "d", en: descriptionEn },
});

test("diffAnnex2 names added, removed and changed measures and the fields that changed", () => {
  const changes = diffAnnex2([m("a"), m("b"), m("c")], [m("a"), m("b", "B2"), m("d")]);
  assert.deepEqual(
    changes.added.map((x) => x.code),
    ["d"],
  );
  assert.deepEqual(
    changes.removed.map((x) => x.code),
    ["c"],
  );
  assert.deepEqual(changes.changed, [{ code: "b", title: { nl: "B2", en: "B2" }, fields: ["title"] }]);
  assert.equal(hasChanges(changes), true);
});

test("diffAnnex2 sees a change in one language only, and nothing when nothing changed", () => {
  assert.deepEqual(diffAnnex2([m("a")], [m("a", "a", "other")]).changed[0]?.fields, ["description"]);
  assert.equal(hasChanges(diffAnnex2([m("a"), m("b")], [m("a"), m("b")])), false);
});
