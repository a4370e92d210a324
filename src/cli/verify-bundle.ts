// `art28 verify --bundle FILE`: the pure verifier (src/domain/evidence-bundle) on a file, with no
// database and no network. The ZIP is read at offsets (its central directory, then one entry at a
// time), never whole, and node:crypto's SHA-256 is given: one-shot per event, incremental for a
// whole file, so a bundle of any size is checked in bounded memory.
import { createHash, hash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import { describeFailure, verifyBundle, type RandomAccess } from "../domain/evidence-bundle/verify.ts";
import { CommandError } from "./remote.ts";

/** A file read at offsets. */
function fileAccess(handle: FileHandle, size: number): RandomAccess {
  return {
    size,
    read: async (offset, length) => {
      const buffer = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      let done = 0;
      while (done < buffer.length) {
        const { bytesRead } = await handle.read(buffer, done, buffer.length - done, offset + done);
        if (bytesRead === 0) {
          break;
        }
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    },
  };
}

/** Verifies the bundle in `file` and prints the outcome; 0 when it holds, 1 when a check failed. */
export async function verifyBundleFile(file: string, publicKey: string | undefined): Promise<number> {
  let handle: FileHandle;
  let size: number;
  try {
    handle = await open(file, "r");
    size = (await handle.stat()).size;
  } catch (error) {
    throw new CommandError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const started = performance.now();
    const report = await verifyBundle(fileAccess(handle, size), {
      sha256: (data) => hash("sha256", data),
      sha256Stream: () => {
        const whole = createHash("sha256");
        return { update: (data) => whole.update(data), digest: () => whole.digest("hex") };
      },
      ...(publicKey === undefined ? {} : { publicKey }),
    });
    const seconds = (performance.now() - started) / 1000;
    if (report.failure) {
      process.stdout.write(`BROKEN: ${describeFailure(report.failure)}\n`);
      return 1;
    }
    const c = report.counts;
    process.stdout.write(
      `OK: ${c.events} events, ${c.files} files, ${c.signedPdfs} signed PDFs, ${c.notices} notices, ${c.emails} emails, ${c.webhooks} webhooks, ${c.deletionCertificates} deletion certificates, ${c.measuresReports} measures reports and ${c.checkpoints} checkpoints verified in ${seconds.toFixed(2)} s` +
        (report.publicKey && publicKey === undefined
          ? ` (checkpoints signed by key ${report.publicKey}: compare it with the trust page's, or pass --public-key)`
          : "") +
        (c.bodiesHidingSecret > 0 ? ` (${c.bodiesHidingSecret} email texts show a placeholder for a single-use link and cannot be checked)` : "") +
        "\n",
    );
    return 0;
  } finally {
    await handle.close();
  }
}
