import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum), ≈ 20 ms here.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a user without a password (invited, or single sign-on only), after the same work as a real check. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    await verify(await dummyHash(), password);
    return false;
  }
  return verify(passwordHash, password);
}

/** A hash to verify against when the user does not exist, so timing does not reveal that. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hash("art28-no-such-user");
  return dummy;
}
