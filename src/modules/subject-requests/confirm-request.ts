import { createHash } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { invalid } from "../../http/errors.ts";
import type { EventActor } from "../evidence/index.ts";
import { receiveRequest } from "./receive-request.ts";
import { findByConfirmToken, updateRequest } from "./queries.ts";
import { requestReference } from "./reference.ts";
import { subjectRequestWords as W } from "./words.ts";

const REQUESTER: EventActor = { kind: "system", id: null, label: "data subject (confirmed link)" };

/**
 * The requester opens the link e-mailed to it: its address is confirmed, and only now is the request
 * received (the duty to forward opens, staff are told). The link works once, until it expires.
 */
export async function confirmRequest(tx: Db, clock: Clock, secret: string): Promise<{ reference: string }> {
  const now = clock.now();
  const row = await findByConfirmToken(tx, createHash("sha256").update(secret).digest("hex"));
  if (!row || row.status !== "unconfirmed" || !row.confirmExpiresAt || row.confirmExpiresAt < now) {
    throw invalid("body.secret", W.linkInvalid);
  }
  await updateRequest(tx, row.id, { confirmedAt: now, confirmTokenSha256: null, confirmExpiresAt: null, updatedAt: now });
  await receiveRequest(tx, clock, REQUESTER, row);
  return { reference: requestReference(row.number, row.receivedAt) };
}
