import assert from "node:assert/strict";
import { test } from "node:test";
import type { Catalogue } from "./annex.ts";
import { deletionPlanLines } from "./deletion-plan.ts";

const term = (code: string) => ({ code, nl: `${code}-nl`, en: `${code}-en` });
const catalogue: Catalogue = {
  purposes: [],
  subjectCategories: [],
  dataCategories: [term("contact"), term("content"), term("logs")],
  services: [
    { ...term("web-hosting"), purposes: [], subjectCategories: [], dataCategories: ["logs", "content"], subprocessors: ["dc"] },
    { ...term("email"), purposes: [], subjectCategories: [], dataCategories: ["contact", "content"], subprocessors: ["dc", "spam"] },
    { ...term("dns"), purposes: [], subjectCategories: [], dataCategories: ["logs"], subprocessors: [] },
  ],
  subprocessors: [
    { code: "spam", name: "Anti-Spam BV", activity: { nl: "", en: "" }, locations: [] },
    { code: "dc", name: "Datacenter BV", activity: { nl: "", en: "" }, locations: [] },
  ],
};
const keys = (codes: string[]) => deletionPlanLines(codes, catalogue).map((l) => `${l.party}:${l.systemCode}:${l.categoryCode}`);

test("a line per system and data category: the services' own systems, then each sub-processor with the categories of the services it serves", () => {
  const cases: [string[], string[]][] = [
    [[], []],
    [["dns"], ["processor:dns:logs"]],
    [["web-hosting"], ["processor:web-hosting:content", "processor:web-hosting:logs", "subprocessor:dc:content", "subprocessor:dc:logs"]],
    [
      ["email", "web-hosting"],
      [
        "processor:web-hosting:content",
        "processor:web-hosting:logs",
        "processor:email:contact",
        "processor:email:content",
        // Anti-Spam serves e-mail only; the datacenter both, each category once.
        "subprocessor:spam:contact",
        "subprocessor:spam:content",
        "subprocessor:dc:contact",
        "subprocessor:dc:content",
        "subprocessor:dc:logs",
      ],
    ],
    [["no-such-service"], []],
  ];
  for (const [codes, expected] of cases) {
    assert.deepEqual(keys(codes), expected, codes.join(","));
  }
});

test("a line carries the system's and the category's names in both languages; an unknown category keeps its code", () => {
  const [line] = deletionPlanLines(["dns"], catalogue);
  assert.deepEqual(line, {
    party: "processor",
    systemCode: "dns",
    system: { nl: "dns-nl", en: "dns-en" },
    categoryCode: "logs",
    category: { nl: "logs-nl", en: "logs-en" },
  });
  const odd = deletionPlanLines(["dns"], {
    ...catalogue,
    services: [{ ...term("dns"), purposes: [], subjectCategories: [], dataCategories: ["x"], subprocessors: [] }],
  });
  assert.deepEqual(odd[0]?.category, { nl: "x", en: "x" });
});
