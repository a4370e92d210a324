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

test("local names by convention", () => {
  for (const name of ["localhost", "LOCALHOST", "api.localhost", "nas.local", "metadata.google.internal", "localhost."]) {
    assert.equal(isLocalName(name), true, name);
  }
  for (const name of ["example.com", "localhost.example.com", "local.example"]) {
    assert.equal(isLocalName(name), false, name);
  }
});
