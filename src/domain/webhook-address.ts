import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

// Webhook endpoints are URLs a customer chooses, and Art28 posts to them and shows the answer in
// the customer's delivery log. So an endpoint must not reach the processor's own network: loopback,
// private, link-local (cloud metadata) and other non-public addresses are refused, when the
// endpoint is registered and again when each message is sent (the name may resolve elsewhere by
// then). ART28_ALLOW_LOCAL_WEBHOOKS=true allows them, for tests and a local relay on the same host.
//
// Which ranges are special is ipaddr.js's classification of the IANA special-purpose registries:
// only "unicast" (global) is public. IPv6 forms that carry an IPv4 address (IPv4-mapped,
// IPv4-compatible, NAT64's well-known prefix, 6to4) are judged by the IPv4 address they reach.

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

const v6 = (cidr: string) => ipaddr.IPv6.parseCIDR(cidr);
/** IPv6 prefixes whose last 32 bits (or, for 6to4, bits 16–47) are the IPv4 address they lead to. */
const IPV4_MAPPED = v6("::ffff:0:0/96");
const IPV4_COMPATIBLE = v6("::/96"); // deprecated (RFC 4291 2.5.5.1), still routed by some stacks
const NAT64 = v6("64:ff9b::/96"); // RFC 6052's well-known prefix
const SIX_TO_FOUR = v6("2002::/16"); // RFC 3056

function ipv4From(high: number, low: number): IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** The IPv4 address an IPv6 address stands for, or null if it carries none. */
export function embeddedIPv4(address: IPv6): IPv4 | null {
  const p = address.parts;
  if (address.match(IPV4_MAPPED) || address.match(NAT64)) {
    return ipv4From(p[6] ?? 0, p[7] ?? 0);
  }
  if (address.match(SIX_TO_FOUR)) {
    return ipv4From(p[1] ?? 0, p[2] ?? 0);
  }
  // "::" and "::1" are the unspecified and loopback addresses, not IPv4-compatible ones.
  if (address.match(IPV4_COMPATIBLE) && ((p[6] ?? 0) !== 0 || (p[7] ?? 0) > 1)) {
    return ipv4From(p[6] ?? 0, p[7] ?? 0);
  }
  return null;
}

/** Whether an IP address is outside the public internet; an IPv6 form of an IPv4 address counts as that IPv4 address. */
export function isNonPublicAddress(address: string): boolean {
  if (isIP(address) === 0) {
    throw new RangeError(`not an IP address: ${address}`);
  }
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6") {
    const inner = embeddedIPv4(parsed as IPv6);
    if (inner) {
      return inner.range() !== "unicast";
    }
  }
  return parsed.range() !== "unicast";
}

/** A host name that names this machine or its local network by convention. */
export function isLocalName(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal");
}

export function localWebhooksAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.ART28_ALLOW_LOCAL_WEBHOOKS === "true";
}
