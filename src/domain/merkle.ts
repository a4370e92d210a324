// A Merkle tree as Certificate Transparency hashes it (RFC 6962 §2.1, RFC 9162 §2.1): leaf =
// SHA-256(0x00 || data), node = SHA-256(0x01 || left || right), the split at the largest power of two
// smaller than the size. Inclusion and consistency proofs, made and verified. Pure and free of Node:
// the trust site's verifier runs it in the browser. SHA-256 is WebCrypto's unless one is given.

export type Digest = (data: Uint8Array) => Promise<Uint8Array> | Uint8Array;

const webDigest: Digest = async (data) => new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>));

function concat(prefix: number, ...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(1 + parts.reduce((n, p) => n + p.length, 0));
  out[0] = prefix;
  let at = 1;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export async function leafHash(data: Uint8Array, digest: Digest = webDigest): Promise<Uint8Array> {
  return digest(concat(0x00, data));
}

export async function nodeHash(left: Uint8Array, right: Uint8Array, digest: Digest = webDigest): Promise<Uint8Array> {
  return digest(concat(0x01, left, right));
}

/** The largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

/** MTH(D[n]) over leaf hashes; the empty tree's is SHA-256 of nothing. */
export async function rootOf(leaves: readonly Uint8Array[], digest: Digest = webDigest): Promise<Uint8Array> {
  if (leaves.length === 0) {
    return digest(new Uint8Array(0));
  }
  if (leaves.length === 1) {
    return leaves[0] as Uint8Array;
  }
  const k = split(leaves.length);
  return nodeHash(await rootOf(leaves.slice(0, k), digest), await rootOf(leaves.slice(k), digest), digest);
}

/** PATH(m, D[n]): the inclusion proof of leaf m. */
export async function inclusionPath(leaves: readonly Uint8Array[], m: number, digest: Digest = webDigest): Promise<Uint8Array[]> {
  const n = leaves.length;
  if (m < 0 || m >= n) {
    throw new RangeError(`leaf ${m} is not in a tree of ${n}`);
  }
  if (n === 1) {
    return [];
  }
  const k = split(n);
  return m < k
    ? [...(await inclusionPath(leaves.slice(0, k), m, digest)), await rootOf(leaves.slice(k), digest)]
    : [...(await inclusionPath(leaves.slice(k), m - k, digest)), await rootOf(leaves.slice(0, k), digest)];
}

/** PROOF(m, D[n]): that the tree of the first m leaves is a prefix of this one (0 < m <= n). */
export async function consistencyProof(leaves: readonly Uint8Array[], m: number, digest: Digest = webDigest): Promise<Uint8Array[]> {
  if (m <= 0 || m > leaves.length) {
    throw new RangeError(`no consistency proof from ${m} to ${leaves.length}`);
  }
  const subproof = async (m: number, d: readonly Uint8Array[], whole: boolean): Promise<Uint8Array[]> => {
    const n = d.length;
    if (m === n) {
      return whole ? [] : [await rootOf(d, digest)];
    }
    const k = split(n);
    return m <= k
      ? [...(await subproof(m, d.slice(0, k), whole)), await rootOf(d.slice(k), digest)]
      : [...(await subproof(m - k, d.slice(k), false)), await rootOf(d.slice(0, k), digest)];
  };
  return subproof(m, leaves, true);
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** RFC 9162 §2.1.3.2: whether `path` proves leaf `index` in the tree of `size` with `root`. */
export async function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  path: readonly Uint8Array[],
  root: Uint8Array,
  digest: Digest = webDigest,
): Promise<boolean> {
  if (index < 0 || index >= size) {
    return false;
  }
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) {
      return false;
    }
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r, digest);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p, digest);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && same(r, root);
}

/** RFC 9162 §2.1.4.2: whether `proof` shows the tree (size1, root1) is a prefix of (size2, root2). */
export async function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
  digest: Digest = webDigest,
): Promise<boolean> {
  if (size1 <= 0 || size1 > size2) {
    return false;
  }
  if (size1 === size2) {
    return proof.length === 0 && same(root1, root2);
  }
  let path = [...proof];
  // A first tree that is a whole subtree: its root starts the path.
  if ((size1 & (size1 - 1)) === 0) {
    path = [root1, ...path];
  }
  if (path.length === 0) {
    return false;
  }
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Uint8Array;
  let sr = path[0] as Uint8Array;
  for (const c of path.slice(1)) {
    if (sn === 0) {
      return false;
    }
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(c, fr, digest);
      sr = await nodeHash(c, sr, digest);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = await nodeHash(sr, c, digest);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && same(fr, root1) && same(sr, root2);
}

export const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
export function fromHex(hex: string): Uint8Array {
  if (!/^([0-9a-f]{2})*$/.test(hex)) {
    throw new Error("not hexadecimal");
  }
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}
