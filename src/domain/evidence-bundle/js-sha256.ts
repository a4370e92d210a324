// SHA-256 in JavaScript for the verifier in a browser, where WebCrypto has neither an incremental
// digest nor a synchronous one: @noble/hashes (audited, no dependencies). With both, the browser
// checks a bundle as `art28 verify --bundle` does with node:crypto's: each event hashed where it lies,
// without a promise per event, and events.jsonl hashed as it inflates, never held whole.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { SyncSha256 } from "./stream-checker.ts";

/** SHA-256 (lowercase hex) of bytes, or of a string's UTF-8. */
export const jsSha256: SyncSha256 = (data) => bytesToHex(sha256(typeof data === "string" ? utf8ToBytes(data) : data));

/** An incremental SHA-256 of a file read in parts. */
export function jsSha256Stream(): { update(data: Uint8Array): void; digest(): string } {
  const whole = sha256.create();
  return {
    update: (data) => {
      whole.update(data);
    },
    digest: () => bytesToHex(whole.digest()),
  };
}

/** The verifier's options for a browser: both hashes in JavaScript. */
export const jsSha256Options = () => ({ sha256: jsSha256, sha256Stream: jsSha256Stream });
