import { isIP } from "node:net";
import { domainToASCII, domainToUnicode } from "node:url";
import type { LocalizedText } from "./text.ts";

// The domain names a customer uses for its websites and e-mail (art. 8.1): a data subject's request
// that reaches the processor names an address or a site, and its domain finds the customer. So a
// name is kept in one form only: lower case, internationalised names as punycode (IDNA, as DNS
// stores them), without a leading "www.", subdomains kept ("mail.example.nl" stays itself). What a
// person types is forgiven (a URL, an e-mail address, capitals, a trailing dot, a port); what can
// never be a public domain name is refused with its reason: an IP address, a single label
// ("localhost"), a label with other characters, names longer than DNS allows (RFC 1035: 63 per
// label, 253 in all).

export const MAX_DOMAIN_LENGTH = 253;
export const MAX_LABEL_LENGTH = 63;

export type DomainRefusal = "empty" | "ip_address" | "single_label" | "bad_label" | "bad_top_level" | "too_long" | "label_too_long";

export type DomainVerdict =
  | {
      ok: true;
      /** As stored and matched: lower case, punycode ("xn--mnchen-3ya.de"). */
      domain: string;
      /** For people: the same name in Unicode ("münchen.de"). */
      display: string;
    }
  | { ok: false; reason: DomainRefusal; message: LocalizedText };

const refusal = {
  empty: () => ({ nl: "is leeg", en: "is empty" }),
  ip_address: (value: string) => ({
    nl: `"${value}" is een IP-adres, geen domeinnaam`,
    en: `"${value}" is an IP address, not a domain name`,
  }),
  single_label: (value: string) => ({
    nl: `"${value}" is geen volledige domeinnaam (bijvoorbeeld voorbeeld.nl)`,
    en: `"${value}" is not a full domain name (e.g. example.nl)`,
  }),
  bad_label: (label: string) => ({
    nl: `"${label}" is geen geldig deel van een domeinnaam (alleen letters, cijfers en koppeltekens, niet aan het begin of eind)`,
    en: `"${label}" is not a valid part of a domain name (letters, digits and hyphens only, not at the start or end)`,
  }),
  bad_top_level: (label: string) => ({
    nl: `"${label}" is geen topleveldomein (zoals nl of com)`,
    en: `"${label}" is not a top-level domain (such as nl or com)`,
  }),
  too_long: (length: number) => ({
    nl: `is ${length} tekens lang; een domeinnaam heeft er hoogstens ${MAX_DOMAIN_LENGTH}`,
    en: `is ${length} characters long; a domain name has at most ${MAX_DOMAIN_LENGTH}`,
  }),
  label_too_long: (label: string) => ({
    nl: `"${label.slice(0, 20)}…" is langer dan ${MAX_LABEL_LENGTH} tekens, het maximum voor een deel van een domeinnaam`,
    en: `"${label.slice(0, 20)}…" is longer than ${MAX_LABEL_LENGTH} characters, the most a part of a domain name may have`,
  }),
} as const;

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
/** Letters of any script, combining marks, digits, the hyphen and the dot: anything else is no domain name. */
const NAME_CHARACTERS = /^[\p{L}\p{M}\p{N}.-]+$/u;

/** The host part of what a person typed: a URL's host, an e-mail address's domain, or the text itself. */
function hostOf(input: string): string {
  let rest = input.trim();
  if (SCHEME.test(rest)) {
    rest = rest.replace(SCHEME, "");
  } else if (rest.startsWith("//")) {
    rest = rest.slice(2);
  }
  rest = rest.split(/[/?#]/, 1)[0] ?? "";
  rest = rest.slice(rest.lastIndexOf("@") + 1);
  // "[2001:db8::1]:443" is an IPv6 address (with a port); "example.nl:8080" a name with a port.
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(rest);
  if (bracketed) {
    return bracketed[1] ?? "";
  }
  if (isIP(rest) === 6) {
    return rest;
  }
  return rest.replace(/:\d*$/, "").replace(/\.$/, "");
}

/**
 * A domain name as a customer gives it ("Example.NL", "https://www.example.nl/contact",
 * "info@münchen.de"), in the one form Art28 stores and matches, or why it cannot be one.
 */
export function normaliseDomain(input: string): DomainVerdict {
  const host = hostOf(input);
  if (host === "") {
    return { ok: false, reason: "empty", message: refusal.empty() };
  }
  if (isIP(host) !== 0) {
    return { ok: false, reason: "ip_address", message: refusal.ip_address(host) };
  }
  const typed = host.split(".");
  const badTyped = typed.find((label) => label === "" || !NAME_CHARACTERS.test(label));
  if (badTyped !== undefined) {
    return { ok: false, reason: "bad_label", message: refusal.bad_label(badTyped) };
  }
  // WHATWG URL's host parser: lower case, IDNA to punycode; it also reads "0x7f.1" as an IPv4 address.
  const ascii = domainToASCII(host);
  if (ascii === "") {
    const bad = typed.find((label) => !/^[0-9]+$/.test(label) && domainToASCII(label) === "") ?? typed[typed.length - 1] ?? host;
    return /^[0-9]+$/.test(bad)
      ? { ok: false, reason: "bad_top_level", message: refusal.bad_top_level(bad) }
      : { ok: false, reason: "bad_label", message: refusal.bad_label(bad) };
  }
  if (isIP(ascii) !== 0) {
    return { ok: false, reason: "ip_address", message: refusal.ip_address(host) };
  }
  const labels = ascii.split(".");
  if (labels.length < 2) {
    return { ok: false, reason: "single_label", message: refusal.single_label(host) };
  }
  for (const label of labels) {
    if (label.length > MAX_LABEL_LENGTH) {
      return { ok: false, reason: "label_too_long", message: refusal.label_too_long(label) };
    }
    if (!LDH_LABEL.test(label)) {
      return { ok: false, reason: "bad_label", message: refusal.bad_label(domainToUnicode(label) || label) };
    }
  }
  const top = labels[labels.length - 1] ?? "";
  if (!TOP_LEVEL.test(top)) {
    return { ok: false, reason: "bad_top_level", message: refusal.bad_top_level(top) };
  }
  // "www." is the same customer's website; "www.nl" itself is a name, not a prefix.
  const domain = labels[0] === "www" && labels.length > 2 ? labels.slice(1).join(".") : ascii;
  if (domain.length > MAX_DOMAIN_LENGTH) {
    return { ok: false, reason: "too_long", message: refusal.too_long(domain.length) };
  }
  return { ok: true, domain, display: displayDomain(domain) };
}

/**
 * The domains to look a visitor's e-mail address or URL up by (art. 8.1): its name and each parent
 * down to the last two labels, most specific first ("jan@shop.example.nl" → "shop.example.nl",
 * "example.nl"). Without a public-suffix list a two-label suffix ("co.uk") is a candidate of its
 * own; it matches no customer, since nobody registers it as theirs. Empty when it names no domain.
 */
export function candidateDomains(input: string): string[] {
  const verdict = normaliseDomain(input);
  if (!verdict.ok) {
    return [];
  }
  const labels = verdict.domain.split(".");
  const out: string[] = [];
  for (let from = 0; from <= labels.length - 2; from += 1) {
    out.push(labels.slice(from).join("."));
  }
  return out;
}

/**
 * A list of typed names as one set: each normalised, duplicates (also "www.x.nl" beside "x.nl")
 * once, sorted; the refused ones by their index in the list, with their reason.
 */
export function normaliseDomainList(typed: readonly string[]): { domains: string[]; problems: { index: number; message: LocalizedText }[] } {
  const domains = new Set<string>();
  const problems: { index: number; message: LocalizedText }[] = [];
  for (const [index, value] of typed.entries()) {
    const verdict = normaliseDomain(value);
    if (verdict.ok) {
      domains.add(verdict.domain);
    } else {
      problems.push({ index, message: verdict.message });
    }
  }
  return { domains: [...domains].sort(), problems };
}

/** A stored (punycode) name as people read it. */
export function displayDomain(domain: string): string {
  return domainToUnicode(domain) || domain;
}
