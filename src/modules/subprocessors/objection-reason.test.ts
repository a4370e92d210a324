import { test } from "node:test";
import assert from "node:assert/strict";
import { objectionReasonProblem } from "./objection-reason.ts";

const cases: [string, string, "required" | "one word" | "too short" | null][] = [
  ["empty", "", "required"],
  ["spaces only", "   ", "required"],
  ["tabs and newlines", "\t\n \r\n", "required"],
  ["one word", "bezwaar", "one word"],
  ["one long word", "Onaanvaardbaardoorgiftebuitendeeuropeseunie", "one word"],
  ["one word padded", "   nee   ", "one word"],
  ["one word and punctuation", "nee !!!", "one word"],
  ["two short words", "geen VS", "too short"],
  ["19 characters", "niet naar de VS ok.", "too short"],
  ["exactly 20 characters", "niet naar de VS nee.", null],
  ["a real reason (nl)", "Wij mogen geen gegevens buiten de EER laten verwerken.", null],
  ["a real reason (en)", "Our customers' contracts forbid processing in the United States.", null],
  ["accented letters count once", "Gegevens één keer ná België", null],
];

for (const [name, reason, expected] of cases) {
  test(`objection reason: ${name}`, () => {
    const problem = objectionReasonProblem(reason);
    if (expected === null) {
      assert.equal(problem, null);
      return;
    }
    assert.ok(problem, "refused");
    const match = { required: /is required/, "one word": /single word/, "too short": /too short/ }[expected];
    assert.match(problem.en, match);
    assert.ok(problem.nl.length > 0 && problem.nl !== problem.en, "a Dutch message too");
  });
}
