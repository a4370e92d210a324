import { test } from "node:test";
import assert from "node:assert/strict";
import { judgePassword, passwordAdvice, passwordProblemText } from "./password-policy.ts";

test("a long, unpredictable password is accepted", () => {
  for (const password of ["correct horse battery staple", "Tr0ub4dor&3xyz-lamp", "vlieger-paraplu-kaas-7"]) {
    const verdict = judgePassword(password);
    assert.equal(verdict.ok, true, `${password}: ${JSON.stringify(verdict)}`);
    assert.equal(verdict.problem, null);
    assert.ok(verdict.score >= 3);
    assert.equal(passwordProblemText(verdict), null);
  }
});

test("fewer than 12 characters is refused as too short, whatever its strength (code points, not UTF-16 units)", () => {
  assert.equal(judgePassword("Xq7#vL2!pZ9").problem, "too_short");
  assert.equal(judgePassword("").problem, "too_short");
  assert.equal(judgePassword("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂").problem, "too_short", "11 emoji are 22 UTF-16 units but 11 characters");
  assert.match(passwordProblemText(judgePassword("short"))?.en ?? "", /at least 12 characters/);
  assert.match(passwordProblemText(judgePassword("short"))?.nl ?? "", /minstens 12 tekens/);
});

test("a password from the shipped list of leaked passwords is refused as leaked, also with capitals or l33t", () => {
  for (const password of ["password1234", "PASSWORD1234", "qwerty123456", "1q2w3e4r5t6y", "LeaveMeAlone", "123456789012"]) {
    const verdict = judgePassword(password);
    assert.equal(verdict.problem, "leaked", `${password}: ${JSON.stringify(verdict)}`);
    assert.equal(verdict.ok, false);
  }
  assert.match(passwordProblemText(judgePassword("password1234"))?.en ?? "", /appears in lists of leaked passwords/);
  assert.match(passwordProblemText(judgePassword("password1234"))?.nl ?? "", /gelekte wachtwoorden/);
});

test("a long but predictable password is refused as too weak, with advice in both languages", () => {
  const verdict = judgePassword("aaaaaaaaaaaaaaaa");
  assert.equal(verdict.problem, "too_weak");
  assert.ok(verdict.score < 3);
  assert.ok(passwordAdvice(verdict, "nl").length > 0);
  assert.ok(passwordAdvice(verdict, "en").some((line) => /repeated/i.test(line)));
  assert.equal(judgePassword("abcdefghijklmnop").problem, "too_weak");
});

test("the user's own name and address make a password weaker", () => {
  const alone = judgePassword("zwartewaterkaasboer");
  const known = judgePassword("zwartewaterkaasboer", ["Zwartewaterkaasboer", "info@zwartewaterkaasboer.example"]);
  assert.ok(known.score < alone.score, `${known.score} < ${alone.score}`);
  assert.equal(known.ok, false, JSON.stringify(known));
});

test("over 200 characters is refused", () => {
  assert.equal(judgePassword("x7Q!".repeat(51)).problem, "too_long");
});
