import { ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent, recordEvents, type EventActor } from "../evidence/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { cancelObligations } from "../obligations/index.ts";
import { OBJECTION_SUBJECT, noticeSubprocessor } from "./announce-change.ts";
import { countRecipients, recipientIdsPage } from "./change-queries.ts";
import { lockChange, markChangeWithdrawn } from "./lifecycle-queries.ts";
import { settleOpenObjections } from "./objection-queries.ts";
import { findSubprocessor } from "./queries.ts";
import { subprocessorWords } from "./words.ts";

/**
 * Withdraws an announced change: it will not take effect. The customers it was announced to are
 * told, their objection windows stop running, and open objections against it are settled (what
 * they objected to will not happen).
 */
export async function withdrawSubprocessorChange(
  tx: Db,
  clock: Clock,
  actor: EventActor & { id: string | null },
  id: string,
  reason: string,
  page: number = ROWS_PER_STATEMENT,
): Promise<void> {
  const now = clock.now();
  const change = await lockChange(tx, id);
  if (!change) {
    throw notFound(subprocessorWords.noun.change);
  }
  if (change.status !== "announced") {
    throw conflict(subprocessorWords.changeSettled(change.status));
  }
  await markChangeWithdrawn(tx, id, reason, now);
  const subject = { type: OBJECTION_SUBJECT, id };
  const cancelled = await cancelObligations(tx, clock, actor, subject, `change withdrawn: ${reason}`);
  const settled = await settleOpenObjections(tx, id, `change withdrawn: ${reason}`, actor.id, now);
  await recordEvents(
    tx,
    clock,
    settled.map((o) => ({
      type: "objection.closed",
      actor,
      controllerId: o.controllerId,
      subject: { type: "objection", id: o.id },
      data: { changeId: id, outcome: "resolved", note: `change withdrawn: ${reason}` },
    })),
  );
  const sub = await findSubprocessor(tx, change.subprocessorId);
  const about = noticeSubprocessor(sub ?? { name: "?", activity: { nl: "", en: "" } }, change.plan.locations ?? sub?.locations ?? []);
  // Told a page at a time (by customer): any number of recipients in bounded memory.
  let told = 0;
  let after: string | null = null;
  for (let pages = Math.ceil((await countRecipients(tx, id)) / page) + 1; pages > 0; pages -= 1) {
    const recipients = await recipientIdsPage(tx, id, after, page);
    await queueCustomerNotices(
      tx,
      clock,
      actor,
      recipients.map((controllerId) => ({
        controllerId,
        subject,
        data: { kind: "subprocessor_change_withdrawn" as const, changeId: id, subprocessor: about, reason },
      })),
    );
    told += recipients.length;
    after = recipients.at(-1) ?? null;
    if (recipients.length < page) {
      break;
    }
  }
  await recordEvent(tx, clock, {
    type: "subprocessor_change.withdrawn",
    actor,
    controllerId: null,
    subject,
    data: {
      kind: change.kind,
      subprocessor: { id: change.subprocessorId, name: about.name },
      reason,
      customersTold: told,
      windowsCancelled: cancelled,
      objectionsSettled: settled.length,
    },
  });
}
