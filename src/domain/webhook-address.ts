import { BlockList, isIP } from "node:net";

// Webhook endpoints are URLs a customer chooses, and Art28 posts to them and shows the answer in
// the customer's delivery log. So an endpoint must not reach the processor's own network: loopback,
// private, link-local (cloud metadata) and other non-public addresses are refused, when the
// endpoint is registered and again when each message is sent (the name may resolve elsewhere by
// then). ART28_ALLOW_LOCAL_WEBHOOKS=true allows them, for tests and a local relay on the same host.

const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, "ipv6");
}

/** Whether an IP address is outside the public internet (an IPv4-mapped IPv6 address counts as its IPv4). */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) {
    return NOT_PUBLIC.check(mapped, "ipv4");
  }
  const family = isIP(address);
  if (family === 0) {
    throw new RangeError(`not an IP address: ${address}`);
  }
  return NOT_PUBLIC.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** A host name that names this machine or its local network by convention. */
export function isLocalName(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal");
}

export function localWebhooksAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.ART28_ALLOW_LOCAL_WEBHOOKS === "true";
}
