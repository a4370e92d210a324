import { test } from "node:test";
import assert from "node:assert/strict";
import { enumerationText, listText } from "./list-text.ts";

test("localized items are joined in the page's language", () => {
  assert.equal(listText(["Webhosting", "Zakelijke e-mail", "Back-ups"], "nl"), "Webhosting, Zakelijke e-mail en Back-ups");
  assert.equal(listText(["Web hosting", "Business email", "Backups"], "en"), "Web hosting, Business email and Backups");
});

test("typed items are enumerated without a word of either language", () => {
  const typed = ["namen", "e-mailadressen", "inhoud van e-mails en bijlagen"];
  assert.equal(enumerationText(typed, "en"), "namen, e-mailadressen, inhoud van e-mails en bijlagen");
  assert.equal(enumerationText(typed, "nl"), "namen, e-mailadressen, inhoud van e-mails en bijlagen");
  assert.doesNotMatch(enumerationText(typed, "en"), /\band\b/);
});
