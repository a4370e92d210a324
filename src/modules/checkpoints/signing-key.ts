// The processor's Ed25519 key that signs checkpoints: made at installation and kept in the data
// folder (checkpoint-key.pem), or given by ART28_CHECKPOINT_KEY (a PKCS #8 PEM) for PostgreSQL
// deployments, where every process must sign with the same key. The processes register it at start.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface CheckpointKey {
  privateKey: KeyObject;
  /** Raw 32-byte public key, base64. */
  publicKey: string;
  /** SHA-256 of the raw public key, hex. */
  keyId: string;
}

export function checkpointKeyFrom(pem: string): CheckpointKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new Error("the checkpoint key must be an Ed25519 private key (PKCS #8 PEM)");
  }
  const raw = createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(-32);
  return { privateKey, publicKey: raw.toString("base64"), keyId: createHash("sha256").update(raw).digest("hex") };
}

/** A new key, as PKCS #8 PEM. */
export function newCheckpointKeyPem(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

/**
 * ART28_CHECKPOINT_KEY, else the data folder's key (made on first use). With DATABASE_URL only the
 * variable counts (every process must sign with one key): without it, null, and no checkpoints.
 */
export function loadCheckpointKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): CheckpointKey | null {
  if (env.ART28_CHECKPOINT_KEY) {
    return checkpointKeyFrom(env.ART28_CHECKPOINT_KEY.replaceAll("\\n", "\n"));
  }
  if (env.DATABASE_URL) {
    return null;
  }
  const file = join(dataDir, "checkpoint-key.pem");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, newCheckpointKeyPem(), { mode: 0o600 });
  }
  return checkpointKeyFrom(readFileSync(file, "utf8"));
}

let registered: CheckpointKey | null = null;

/** Called by `art28 serve` and `art28 worker` at start, and by tests. */
export function registerCheckpointKey(key: CheckpointKey | null): void {
  registered = key;
}

export function checkpointKey(): CheckpointKey | null {
  return registered;
}

export function signStatement(key: CheckpointKey, statement: string): string {
  return sign(null, Buffer.from(statement, "utf8"), key.privateKey).toString("base64");
}
