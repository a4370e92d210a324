import { test } from "node:test";
import assert from "node:assert/strict";
import { isLocalName, isNonPublicAddress } from "./webhook-address.ts";

test("addresses a webhook may not reach: loopback, private, link-local, shared, reserved", () => {
  for (const address of [
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "::",
    "fd00::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
  ]) {
    assert.equal(isNonPublicAddress(address), true, address);
  }
  for (const address of ["93.184.216.34", "172.32.0.1", "8.8.8.8", "2a00:1450:4001::1", "::ffff:8.8.8.8"]) {
    assert.equal(isNonPublicAddress(address), false, address);
  }
  assert.throws(() => isNonPublicAddress("example.com"), RangeError);
});

test("every special-purpose range is refused, and IPv6 forms of an IPv4 address are judged by that address", () => {
  const rows: [address: string, nonPublic: boolean, why: string][] = [
    // IPv4 special-purpose registry
    ["192.0.0.8", true, "IETF protocol assignments"],
    ["192.0.2.1", true, "TEST-NET-1"],
    ["198.51.100.7", true, "TEST-NET-2"],
    ["203.0.113.66", true, "TEST-NET-3"],
    ["198.18.0.1", true, "benchmarking"],
    ["224.0.0.1", true, "multicast"],
    ["239.255.255.250", true, "multicast (SSDP)"],
    ["240.0.0.1", true, "reserved"],
    ["255.255.255.255", true, "broadcast"],
    ["1.1.1.1", false, "public"],
    // IPv6 special-purpose registry
    ["fec0::1", true, "site-local (deprecated)"],
    ["ff02::1", true, "multicast"],
    ["2001:db8::1", true, "documentation"],
    ["2001::1", true, "Teredo"],
    ["100::1", true, "discard-only"],
    ["64:ff9b:1::a00:1", true, "local-use NAT64 (RFC 8215)"],
    ["::ffff:0:a00:1", true, "IPv4-translated (RFC 6145)"],
    ["fe80::1%eth0", true, "link-local with a zone"],
    ["2606:4700:4700::1111", false, "public"],
    // IPv4-mapped
    ["::ffff:169.254.169.254", true, "mapped metadata address"],
    ["::ffff:7f00:1", true, "mapped loopback, hex form"],
    ["::ffff:8.8.8.8", false, "mapped public"],
    // IPv4-compatible (::a.b.c.d)
    ["::127.0.0.1", true, "compatible loopback"],
    ["::10.0.0.1", true, "compatible private"],
    ["::192.168.1.1", true, "compatible private"],
    ["::0.0.1.1", true, "compatible 'this network'"],
    ["::8.8.8.8", false, "compatible public"],
    // NAT64 well-known prefix 64:ff9b::/96
    ["64:ff9b::127.0.0.1", true, "NAT64 loopback"],
    ["64:ff9b::a00:1", true, "NAT64 private, hex form"],
    ["64:ff9b::169.254.169.254", true, "NAT64 metadata address"],
    ["64:ff9b::8.8.8.8", false, "NAT64 public"],
    // 6to4 2002::/16 (the IPv4 address in bits 16–47)
    ["2002:7f00:1::1", true, "6to4 of 127.0.0.1"],
    ["2002:a00:1::", true, "6to4 of 10.0.0.1"],
    ["2002:c0a8:101::1", true, "6to4 of 192.168.1.1"],
    ["2002:a9fe:a9fe::1", true, "6to4 of 169.254.169.254"],
    ["2002:808:808::1", false, "6to4 of 8.8.8.8"],
  ];
  for (const [address, nonPublic, why] of rows) {
    assert.equal(isNonPublicAddress(address), nonPublic, `${address} (${why})`);
  }
});

test("local names by convention", () => {
  for (const name of ["localhost", "LOCALHOST", "api.localhost", "nas.local", "metadata.google.internal", "localhost."]) {
    assert.equal(isLocalName(name), true, name);
  }
  for (const name of ["example.com", "localhost.example.com", "local.example"]) {
    assert.equal(isLocalName(name), false, name);
  }
});
