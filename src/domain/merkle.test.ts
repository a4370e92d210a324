import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { consistencyProof, fromHex, inclusionPath, leafHash, nodeHash, rootOf, toHex, verifyConsistency, verifyInclusion, type Digest } from "./merkle.ts";

// RFC 6962 hashing, held to the Certificate Transparency reference vectors (the leaves and tree heads
// of the CT test suites), then every proof of every size round-tripped and every forgery refused.
const DATA = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(fromHex);
const ROOTS = [
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
const INCLUSION = [
  {
    index: 0,
    size: 8,
    path: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    index: 5,
    size: 8,
    path: [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
];
const CONSISTENCY = [
  {
    first: 2,
    second: 5,
    proof: ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"],
  },
  {
    first: 2,
    second: 8,
    proof: ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
  },
];
const node: Digest = (data) => new Uint8Array(createHash("sha256").update(data).digest());

describe("Merkle tree (RFC 6962/9162)", () => {
  test("the reference tree heads for every size 0..8, with WebCrypto and with node:crypto", async () => {
    for (const digest of [undefined, node]) {
      const leaves = await Promise.all(DATA.map((d) => leafHash(d, digest)));
      for (let n = 0; n <= 8; n++) {
        assert.equal(toHex(await rootOf(leaves.slice(0, n), digest)), ROOTS[n], `size ${n}`);
      }
    }
    const [a, b] = await Promise.all(DATA.slice(0, 2).map((d) => leafHash(d)));
    assert.equal(toHex(await nodeHash(a as Uint8Array, b as Uint8Array)), ROOTS[2], "a node is SHA-256(0x01 || left || right)");
  });

  test("the reference inclusion and consistency proofs are made and verified", async () => {
    const leaves = await Promise.all(DATA.map((d) => leafHash(d)));
    for (const { index, size, path } of INCLUSION) {
      assert.deepEqual((await inclusionPath(leaves.slice(0, size), index)).map(toHex), path);
      assert.equal(await verifyInclusion(leaves[index] as Uint8Array, index, size, path.map(fromHex), fromHex(ROOTS[size] as string)), true);
    }
    for (const { first, second, proof } of CONSISTENCY) {
      assert.deepEqual((await consistencyProof(leaves.slice(0, second), first)).map(toHex), proof);
      assert.equal(await verifyConsistency(first, second, fromHex(ROOTS[first] as string), fromHex(ROOTS[second] as string), proof.map(fromHex)), true);
    }
  });

  test("every proof of every tree up to 20 leaves round-trips, and a wrong leaf, index, root or path fails", async () => {
    const leaves = await Promise.all(Array.from({ length: 20 }, (_, i) => leafHash(new Uint8Array([i, i * 7]), node)));
    const roots = await Promise.all(leaves.map((_, i) => rootOf(leaves.slice(0, i + 1), node)));
    const other = await leafHash(new Uint8Array([99]), node);
    for (let n = 1; n <= leaves.length; n++) {
      const tree = leaves.slice(0, n);
      const root = roots[n - 1] as Uint8Array;
      for (let i = 0; i < n; i++) {
        const path = await inclusionPath(tree, i, node);
        assert.equal(await verifyInclusion(tree[i] as Uint8Array, i, n, path, root, node), true, `leaf ${i} of ${n}`);
        assert.equal(await verifyInclusion(other, i, n, path, root, node), false);
        if (n > 1) {
          assert.equal(await verifyInclusion(tree[i] as Uint8Array, (i + 1) % n, n, path, root, node), false);
        }
        if (path.length > 0) {
          assert.equal(await verifyInclusion(tree[i] as Uint8Array, i, n, path.slice(0, -1), root, node), false, "a path cut short");
        }
      }
      for (let m = 1; m <= n; m++) {
        const proof = await consistencyProof(tree, m, node);
        const first = roots[m - 1] as Uint8Array;
        assert.equal(await verifyConsistency(m, n, first, root, proof, node), true, `${m} → ${n}`);
        if (m < n) {
          assert.equal(await verifyConsistency(m, n, other, root, proof, node), false, "a first root that was not");
          assert.equal(await verifyConsistency(m, n, first, other, proof, node), false, "a second root that was not");
        }
      }
    }
  });
});
