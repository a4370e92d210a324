import { test } from "node:test";
import assert from "node:assert/strict";
import { candidateDomains, displayDomain, normaliseDomain, normaliseDomainList, type DomainRefusal } from "./domain-name.ts";

test("what a person types becomes the one stored form: lower case, no www., subdomains kept", () => {
  const rows: [input: string, domain: string][] = [
    ["Example.NL", "example.nl"],
    ["  example.nl  ", "example.nl"],
    ["www.example.nl", "example.nl"],
    ["WWW.Example.nl.", "example.nl"],
    ["https://www.example.nl/contact", "example.nl"],
    ["http://example.nl:8080/a?b=c#d", "example.nl"],
    ["//example.nl/", "example.nl"],
    ["example.nl/privacy", "example.nl"],
    ["info@example.nl", "example.nl"],
    ["mailto://jan@shop.example.nl", "shop.example.nl"],
    ["mail.example.nl", "mail.example.nl"],
    ["www2.example.nl", "www2.example.nl"],
    ["shop.www.example.nl", "shop.www.example.nl"],
    ["www.nl", "www.nl"],
    ["bakkerij-alfa.nl", "bakkerij-alfa.nl"],
    ["123.example.nl", "123.example.nl"],
    ["example.co.uk", "example.co.uk"],
  ];
  for (const [input, domain] of rows) {
    const verdict = normaliseDomain(input);
    assert.ok(verdict.ok, `${input}: ${verdict.ok ? "" : verdict.message.en}`);
    assert.equal(verdict.domain, domain, input);
    assert.equal(verdict.display, domain, `${input}: an ASCII name is shown as itself`);
  }
});

test("internationalised names are stored as punycode and shown in Unicode", () => {
  const rows: [input: string, domain: string, display: string][] = [
    ["münchen.de", "xn--mnchen-3ya.de", "münchen.de"],
    ["MÜNCHEN.DE", "xn--mnchen-3ya.de", "münchen.de"],
    ["xn--mnchen-3ya.de", "xn--mnchen-3ya.de", "münchen.de"],
    ["https://www.bücher.example/winkel", "xn--bcher-kva.example", "bücher.example"],
    ["пример.рф", "xn--e1afmkfd.xn--p1ai", "пример.рф"],
    ["café.nl", "xn--caf-dma.nl", "café.nl"],
  ];
  for (const [input, domain, display] of rows) {
    const verdict = normaliseDomain(input);
    assert.ok(verdict.ok, input);
    assert.deepEqual([verdict.domain, verdict.display], [domain, display], input);
  }
});

test("what can never be a public domain name is refused, with its reason in Dutch and English", () => {
  const long = (n: number) => "a".repeat(n);
  const rows: [input: string, reason: DomainRefusal][] = [
    ["", "empty"],
    ["   ", "empty"],
    ["https:///path", "empty"],
    ["192.168.1.1", "ip_address"],
    ["http://10.0.0.1/admin", "ip_address"],
    ["0x7f.1", "ip_address"],
    ["[2001:db8::1]", "ip_address"],
    ["2001:db8::1", "ip_address"],
    ["https://[::1]:8443/", "ip_address"],
    ["localhost", "single_label"],
    ["nl", "single_label"],
    ["exa_mple.nl", "bad_label"],
    ["exa mple.nl", "bad_label"],
    ["-example.nl", "bad_label"],
    ["example-.nl", "bad_label"],
    ["example..nl", "bad_label"],
    [".example.nl", "bad_label"],
    ["ex%41mple.nl", "bad_label"],
    ["ex*mple.nl", "bad_label"],
    ["example.123", "bad_top_level"],
    ["example.n1", "bad_top_level"],
    ["example.x", "bad_top_level"],
    [`${long(64)}.nl`, "label_too_long"],
    [`${long(63)}.nl`, "ok" as DomainRefusal],
    // 63 + 63 + 63 + 59 + "nl" and four dots = 254 characters; one fewer is the most DNS allows.
    [`${[long(63), long(63), long(63), long(59)].join(".")}.nl`, "too_long"],
    [`${[long(63), long(63), long(63), long(58)].join(".")}.nl`, "ok" as DomainRefusal],
  ];
  for (const [input, reason] of rows) {
    const verdict = normaliseDomain(input);
    if (reason === ("ok" as DomainRefusal)) {
      assert.ok(verdict.ok, input);
      continue;
    }
    assert.equal(verdict.ok, false, input);
    if (!verdict.ok) {
      assert.equal(verdict.reason, reason, input);
      assert.ok(verdict.message.nl.length > 5 && verdict.message.en.length > 5, input);
      assert.notEqual(verdict.message.nl, verdict.message.en, `${input}: Dutch and English differ`);
    }
  }
});

test("a refusal names what is wrong", () => {
  const bad = normaliseDomain("shop.exa_mple.nl");
  assert.equal(bad.ok, false);
  assert.match(bad.ok ? "" : bad.message.en, /"exa_mple" is not a valid part/);
  assert.match(bad.ok ? "" : bad.message.nl, /"exa_mple" is geen geldig deel/);
  const ip = normaliseDomain("https://127.0.0.1/");
  assert.match(ip.ok ? "" : ip.message.nl, /"127\.0\.0\.1" is een IP-adres/);
  const single = normaliseDomain("localhost");
  assert.match(single.ok ? "" : single.message.en, /"localhost" is not a full domain name/);
});

test("a visitor's address or URL gives its domain and its parents down to two labels, most specific first", () => {
  const rows: [input: string, candidates: string[]][] = [
    ["jan@shop.example.nl", ["shop.example.nl", "example.nl"]],
    ["Jan.Jansen@Example.NL", ["example.nl"]],
    ["https://www.shop.example.nl/privacy", ["shop.example.nl", "example.nl"]],
    ["https://www.example.nl", ["example.nl"]],
    ["a.b.c.example.co.uk", ["a.b.c.example.co.uk", "b.c.example.co.uk", "c.example.co.uk", "example.co.uk", "co.uk"]],
    ["jan@münchen.de", ["xn--mnchen-3ya.de"]],
    ["jan@localhost", []],
    ["jan@192.168.1.1", []],
    ["not an address", []],
    ["", []],
  ];
  for (const [input, candidates] of rows) {
    assert.deepEqual(candidateDomains(input), candidates, input);
  }
});

test("a list becomes one sorted set; refusals are named by their index", () => {
  assert.deepEqual(normaliseDomainList(["www.b.nl", "B.nl", "a.nl", "https://a.nl/x", "mail.a.nl"]), {
    domains: ["a.nl", "b.nl", "mail.a.nl"],
    problems: [],
  });
  const mixed = normaliseDomainList(["a.nl", "localhost", "b.nl", "1.2.3.4"]);
  assert.deepEqual(mixed.domains, ["a.nl", "b.nl"]);
  assert.deepEqual(
    mixed.problems.map((p) => p.index),
    [1, 3],
  );
  assert.deepEqual(normaliseDomainList([]), { domains: [], problems: [] });
  assert.equal(displayDomain("xn--mnchen-3ya.de"), "münchen.de");
  assert.equal(displayDomain("example.nl"), "example.nl");
});
