import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ADEQUATE_COUNTRIES,
  EEA_COUNTRIES,
  TRANSFER_MECHANISMS,
  TRANSFER_MECHANISM_LABELS,
  assessLocation,
  countryName,
  isCountryCode,
  isTransferMechanism,
  type TransferMechanism,
  type TransferZone,
} from "./transfers.ts";

const cases: {
  country: string;
  mechanism: TransferMechanism | null;
  zone: TransferZone;
  needsMechanism: boolean;
  lawful: boolean;
  /** A phrase the English reason must contain, so the back-office's warning says why. */
  says: RegExp;
}[] = [
  { country: "NL", mechanism: null, zone: "eea", needsMechanism: false, lawful: true, says: /Netherlands is in the EEA/ },
  { country: "DE", mechanism: null, zone: "eea", needsMechanism: false, lawful: true, says: /Germany is in the EEA/ },
  { country: "IS", mechanism: null, zone: "eea", needsMechanism: false, lawful: true, says: /Iceland is in the EEA/ },
  { country: "CH", mechanism: null, zone: "adequate", needsMechanism: false, lawful: true, says: /adequacy decision .*2000\/518\/EC/ },
  { country: "GB", mechanism: null, zone: "adequate", needsMechanism: false, lawful: true, says: /adequacy decision .*2021\/1772/ },
  { country: "CA", mechanism: null, zone: "adequate", needsMechanism: false, lawful: true, says: /commercial organisations/ },
  { country: "US", mechanism: "dpf", zone: "adequate", needsMechanism: true, lawful: true, says: /certified under the Data Privacy Framework/ },
  { country: "US", mechanism: null, zone: "third", needsMechanism: true, lawful: false, says: /Without certification .* third country: a transfer needs/ },
  { country: "US", mechanism: "scc", zone: "third", needsMechanism: true, lawful: true, says: /Standard contractual clauses/ },
  {
    country: "IN",
    mechanism: null,
    zone: "third",
    needsMechanism: true,
    lawful: false,
    says: /India is outside the EEA and has no adequacy decision: a transfer needs/,
  },
  {
    country: "IN",
    mechanism: "scc",
    zone: "third",
    needsMechanism: true,
    lawful: true,
    says: /transfer based on: Standard contractual clauses \(Implementing Decision \(EU\) 2021\/914\)/,
  },
  { country: "IN", mechanism: "bcr", zone: "third", needsMechanism: true, lawful: true, says: /Binding corporate rules/ },
  { country: "IN", mechanism: "art49", zone: "third", needsMechanism: true, lawful: true, says: /only fits occasional transfers/ },
  {
    country: "IN",
    mechanism: "dpf",
    zone: "third",
    needsMechanism: true,
    lawful: false,
    says: /Data Privacy Framework covers organisations in the United States only/,
  },
];

for (const c of cases) {
  test(`${c.country} with ${c.mechanism ?? "no mechanism"}: ${c.zone}, ${c.lawful ? "lawful" : "not lawful"}`, () => {
    const result = assessLocation({ country: c.country, mechanism: c.mechanism });
    assert.equal(result.zone, c.zone);
    assert.equal(result.needsMechanism, c.needsMechanism);
    assert.equal(result.lawful, c.lawful);
    assert.match(result.reason.en, c.says);
    assert.ok(result.reason.nl.length > 0 && result.reason.nl !== result.reason.en, "a Dutch reason of its own");
  });
}

test("a mechanism left out counts as none", () => {
  assert.deepEqual(assessLocation({ country: "IN" }), assessLocation({ country: "IN", mechanism: null }));
});

test("the reason names the country in the reader's language", () => {
  const us = assessLocation({ country: "US", mechanism: null });
  assert.match(us.reason.nl, /Zonder certificering onder het Data Privacy Framework zijn de Verenigde Staten een derde land/);
  assert.match(assessLocation({ country: "DE" }).reason.nl, /^Duitsland ligt in de EER/);
});

test("an unknown or malformed country code throws instead of passing as a third country", () => {
  for (const bad of ["XX", "ZZ", "nl", "NLD", "N", "", "528", " NL"]) {
    assert.throws(() => assessLocation({ country: bad, mechanism: "scc" }), RangeError, bad);
    assert.equal(isCountryCode(bad), false, bad);
  }
  assert.throws(() => countryName("XX", "en"), /not an ISO 3166-1 alpha-2 country code: "XX"/);
});

test("the EEA is the 27 member states plus Iceland, Liechtenstein and Norway", () => {
  assert.equal(EEA_COUNTRIES.size, 30);
  for (const code of ["IS", "LI", "NO", "GR", "HR", "CY"]) {
    assert.ok(EEA_COUNTRIES.has(code), code);
  }
  for (const code of ["CH", "GB", "EL"]) {
    assert.ok(!EEA_COUNTRIES.has(code), code);
  }
  assert.ok([...EEA_COUNTRIES].every(isCountryCode));
});

test("adequate countries: the fifteen of 2026, none in the EEA, each noted in both languages", () => {
  const codes = Object.keys(ADEQUATE_COUNTRIES).sort();
  assert.deepEqual(codes, ["AD", "AR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR", "NZ", "US", "UY"]);
  for (const code of codes) {
    assert.ok(isCountryCode(code) && !EEA_COUNTRIES.has(code), code);
    assert.ok(ADEQUATE_COUNTRIES[code]?.nl && ADEQUATE_COUNTRIES[code]?.en, code);
  }
});

test("mechanisms: four, each labelled in both languages, and recognised from stored strings", () => {
  assert.deepEqual([...TRANSFER_MECHANISMS], ["dpf", "scc", "bcr", "art49"]);
  assert.match(TRANSFER_MECHANISM_LABELS.scc.en, /2021\/914/);
  assert.match(TRANSFER_MECHANISM_LABELS.dpf.nl, /Data Privacy Framework/);
  assert.equal(isTransferMechanism("bcr"), true);
  assert.equal(isTransferMechanism("SCC"), false);
  assert.equal(isTransferMechanism("adequacy"), false);
});

test("country names: common names per language", () => {
  assert.equal(countryName("NL", "nl"), "Nederland");
  assert.equal(countryName("NL", "en"), "Netherlands");
  assert.equal(countryName("US", "nl"), "Verenigde Staten");
  assert.equal(countryName("KR", "en"), "South Korea");
  assert.equal(countryName("KR", "nl"), "Zuid-Korea");
  assert.equal(countryName("DE", "nl"), "Duitsland");
});
