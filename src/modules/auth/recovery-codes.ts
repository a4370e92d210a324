import { randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import type { Clock } from "../../domain/clock.ts";
import { recordEvents, type EventActor } from "../evidence/index.ts";
import { countUnusedRecoveryCodes, deleteRecoveryCodes, replaceRecoveryCodes, spendRecoveryCode, unusedRecoveryCodes } from "./account-queries.ts";

// TOTP recovery codes: ten, shown once when two-factor authentication is turned on (or made anew
// after a step-up); each is stored as its argon2id hash and works once, in place of the
// authenticator's code at login.

export const RECOVERY_CODE_COUNT = 10;
/** Letters and digits that cannot be mistaken for each other (no 0/o, 1/l/i). */
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
/** "xxxxx-xxxxx": 10 characters of 31, ≈ 49 bits each. */
export const RECOVERY_CODE_PATTERN = "^[ ]*[A-Za-z0-9]{5}[- ]?[A-Za-z0-9]{5}[ ]*$";

function newCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)] ?? "");
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

const normalize = (code: string) => code.toLowerCase().replace(/[\s-]/g, "");

/** New codes replace the old ones (all of them, used or not); returns the codes, to be shown once. */
export async function generateRecoveryCodes(db: Db, clock: Clock, actor: EventActor, user: { id: string; controllerId: string | null }): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  const hashes = await Promise.all(codes.map((code) => hash(normalize(code))));
  await inScope(db, { kind: "processor" }, async (tx) => {
    await replaceRecoveryCodes(tx, user.id, hashes, clock.now());
    await recordEvents(tx, clock, [
      { type: "auth.recovery_codes_generated", actor, controllerId: user.controllerId, subject: { type: "user", id: user.id }, data: { count: codes.length } },
    ]);
  });
  return codes;
}

/** Spends one of the user's unused codes if `code` is one; false otherwise. The use is evidence. */
export async function useRecoveryCode(
  db: Db,
  clock: Clock,
  user: { id: string; name: string; email: string; kind: "staff" | "customer"; controllerId: string | null },
  code: string,
): Promise<boolean> {
  const given = normalize(code);
  const candidates = await inScope(db, { kind: "processor" }, (tx) => unusedRecoveryCodes(tx, user.id));
  for (const candidate of candidates) {
    if (await verify(candidate.codeHash, given)) {
      return inScope(db, { kind: "processor" }, async (tx) => {
        if (!(await spendRecoveryCode(tx, candidate.id, clock.now()))) {
          return false;
        }
        const left = await countUnusedRecoveryCodes(tx, user.id);
        await recordEvents(tx, clock, [
          {
            type: "auth.recovery_code_used",
            actor: { kind: user.kind, id: user.id, label: `${user.name} <${user.email}>` },
            controllerId: user.controllerId,
            subject: { type: "user", id: user.id },
            data: { left },
          },
        ]);
        return true;
      });
    }
  }
  return false;
}

export function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  return inScope(db, { kind: "processor" }, (tx) => countUnusedRecoveryCodes(tx, userId));
}

/** Two-factor authentication turned off: its recovery codes go with it. */
export function deleteRecoveryCodesOf(db: Db, userId: string): Promise<void> {
  return inScope(db, { kind: "processor" }, (tx) => deleteRecoveryCodes(tx, userId));
}
