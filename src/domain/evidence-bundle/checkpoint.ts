// Published checkpoints (issue 14), the pure part: what a leaf of the tree of stream heads is, what
// statement the processor signs, and checking its Ed25519 signature with WebCrypto (Node 24 and the
// browser). The server's side is src/modules/checkpoints.
import canonicalize from "canonicalize";

export const CHECKPOINT_FORMAT = "art28-checkpoint";

/** A leaf: one stream's head as a checkpoint appended it (RFC 8785 JSON, then leaf-hashed). */
export function leafData(head: { stream: string; lastSeq: number; lastHash: string }): Uint8Array {
  return new TextEncoder().encode(canonicalize({ lastHash: head.lastHash, lastSeq: head.lastSeq, stream: head.stream }) ?? "");
}

export interface CheckpointStatement {
  format: typeof CHECKPOINT_FORMAT;
  number: number;
  treeSize: number;
  /** The tree's RFC 6962 root, hex. */
  root: string;
  madeAt: string;
  /** SHA-256 (hex) of the previous checkpoint's statement; null for the first: checkpoints form a chain. */
  previous: string | null;
}

/** The exact text signed. */
export function statementText(statement: CheckpointStatement): string {
  return canonicalize(statement) ?? "";
}

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Whether `signature` (base64) is the Ed25519 signature of `statement` by the raw public key (base64). */
export async function verifyStatementSignature(statement: string, signature: string, publicKey: string): Promise<boolean> {
  try {
    const key = await globalThis.crypto.subtle.importKey("raw", fromBase64(publicKey), { name: "Ed25519" }, false, ["verify"]);
    return await globalThis.crypto.subtle.verify("Ed25519", key, fromBase64(signature), new TextEncoder().encode(statement));
  } catch {
    return false;
  }
}

/** What the bundle's checkpoints.json holds. */
export interface BundleCheckpoints {
  /** The processor's Ed25519 public key (raw, base64), as published on the trust page. */
  publicKey: string;
  checkpoints: {
    statement: string;
    signature: string;
    /** The customer's stream head in this checkpoint's tree: its last leaf up to the tree size. */
    leaf: { position: number; stream: string; lastSeq: number; lastHash: string } | null;
    /** Inclusion proof of the leaf (hex). */
    inclusion: string[];
    /** Consistency proof from the previous checkpoint in this file (hex); empty for the first. */
    consistency: string[];
  }[];
}
