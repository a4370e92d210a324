import { test } from "node:test";
import assert from "node:assert/strict";
import { objectionReasonProblem } from "../modules/subprocessors/objection-reason.ts";
import { auditReasonProblem, auditReasonWords, MIN_AUDIT_REASON_LENGTH, MIN_AUDIT_REASON_WORDS } from "./audit-reason.ts";

const CONCRETE =
  "Op 3 maart 2026 ontvingen drie van onze klanten reclame op adressen die alleen in de mailomgeving bij u staan; wij vermoeden dat die gegevens zijn gebruikt.";

test("a concrete, written, reasoned suspicion of misuse passes (art. 10.2)", () => {
  const rows = [
    CONCRETE,
    "On 12 May 2026 at 14:00 our monitoring saw 4,000 mailbox logins from an address of yours that no ticket or instruction of ours explains, so we suspect misuse.",
    `  ${CONCRETE}  `,
  ];
  for (const reason of rows) {
    assert.equal(auditReasonProblem(reason), null, reason);
  }
});

test("what is not such a suspicion is refused, with why", () => {
  const rows: [reason: string, problem: ReturnType<typeof auditReasonProblem>][] = [
    ["", auditReasonWords.required],
    ["   \n\t ", auditReasonWords.required],
    ["misbruik", auditReasonWords.tooFewWords(MIN_AUDIT_REASON_WORDS)],
    ["Wij vermoeden misbruik van onze gegevens door u.", auditReasonWords.tooFewWords(MIN_AUDIT_REASON_WORDS)],
    // Fifteen short words, under 100 characters.
    ["a b c d e f g h i j k l m n 1", auditReasonWords.tooShort(MIN_AUDIT_REASON_LENGTH)],
    [Array.from({ length: 20 }, () => "misbruik").join(" ") + " 2026", auditReasonWords.repetitive],
    [
      "Wij hebben sterk de indruk dat onze gegevens door uw medewerkers worden gebruikt voor andere doeleinden dan afgesproken in de overeenkomst.",
      auditReasonWords.notConcrete,
    ],
    // Punctuation alone is no word.
    [Array.from({ length: 30 }, () => "—").join(" "), auditReasonWords.tooFewWords(MIN_AUDIT_REASON_WORDS)],
  ];
  for (const [reason, problem] of rows) {
    assert.deepEqual(auditReasonProblem(reason), problem, reason);
  }
});

test("stricter than an objection's reason: every reason it passes, the objection rule passes too, not the other way round", () => {
  const objectionOnly = "Wij willen deze partij niet voor onze gegevens.";
  assert.equal(objectionReasonProblem(objectionOnly), null);
  assert.notEqual(auditReasonProblem(objectionOnly), null);
  assert.equal(objectionReasonProblem(CONCRETE), null);
  assert.equal(auditReasonProblem(CONCRETE), null);
});

test("every refusal is worded in Dutch and English and cites art. 10.2", () => {
  for (const reason of ["", "x", "a b c d e f g h i j k l m n 1", "aa ".repeat(40) + "1"]) {
    const problem = auditReasonProblem(reason);
    assert.ok(problem);
    assert.match(problem.nl, /art\. 10\.2/);
    assert.match(problem.en, /art\. 10\.2/);
  }
});
