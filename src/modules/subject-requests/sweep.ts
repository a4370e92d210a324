import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { recordEvents, SYSTEM_ACTOR } from "../evidence/index.ts";
import { claimDueForErasure, claimExpiredUnconfirmed, deleteRequests, deleteTicketsBefore, eraseRequests, subjectOf } from "./queries.ts";
import { requestReference } from "./reference.ts";

// The sweep's work for data subjects' requests (src/modules.ts runs it every minute, in the
// processor's scope), each batch claimed with SKIP LOCKED so it happens once whatever the number of
// workers.

const BATCH = 200;
const DAY = 86_400_000;

/**
 * Form submissions whose link expired unconfirmed are removed, with the e-mail that carried the
 * link (they never reached anyone); spent or stale form tickets go after a day.
 */
export async function expireUnconfirmed(tx: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const rows = await claimExpiredUnconfirmed(tx, now, BATCH);
  if (rows.length > 0) {
    await deleteRequests(
      tx,
      rows.map((r) => r.id),
    );
    await recordEvents(
      tx,
      clock,
      rows.map((r) => ({
        type: "subject_request.expired" as const,
        actor: SYSTEM_ACTOR,
        controllerId: null,
        subject: subjectOf(r.id),
        data: { reference: requestReference(r.number, new Date(r.received_at)), contentSha256: r.content_sha256 },
      })),
    );
  }
  await deleteTicketsBefore(tx, new Date(now.getTime() - DAY));
  return rows.length;
}

/**
 * Ended requests past their retention (default 12 months after the end) have the requester's
 * personal data erased: the content, the files, the network, and the notices that carried them.
 * The skeleton (reference, dates, right, source, outcome) stays for the statistics; the erasure is
 * evidence (subject_request.erased), in the customer's chain when it was forwarded.
 */
export async function eraseEnded(tx: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const rows = await claimDueForErasure(tx, now, BATCH);
  if (rows.length === 0) {
    return 0;
  }
  await eraseRequests(
    tx,
    rows.map((r) => r.id),
    now,
  );
  await recordEvents(
    tx,
    clock,
    rows.map((r) => ({
      type: "subject_request.erased" as const,
      actor: SYSTEM_ACTOR,
      controllerId: r.controller_id,
      subject: subjectOf(r.id),
      data: { reference: requestReference(r.number, new Date(r.received_at)), contentSha256: r.content_sha256 },
    })),
  );
  return rows.length;
}
