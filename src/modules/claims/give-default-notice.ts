import type { Static } from "typebox";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { defaultNoticeTiming } from "../../domain/default-notice.ts";
import { invalid } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { queueStaffNotice } from "../notices/index.ts";
import { customerName } from "./ledger-queries.ts";
import { insertDefaultNotice } from "./queries.ts";
import type { DefaultNoticeBody } from "./schemas.ts";
import { claimWords } from "./words.ts";

/** A description shorter than this cannot be "as complete and detailed as possible" (art. 11.5). */
export const MIN_DESCRIPTION = 40;
/** A moment a few minutes ahead of the server's clock is a clock skew, not a typing error. */
const SKEW_MS = 5 * 60_000;

/**
 * art. 11.5: the customer's written notice of default. Records when it was given (now), when the
 * customer says it learned of the failure, and whether more than 48 elapsed hours lay between (a
 * fact, not a legal conclusion); the admin and the privacy officer are told. One transaction with
 * its evidence.
 */
export async function giveDefaultNotice(
  tx: Db,
  clock: Clock,
  actor: EventActor,
  controllerId: string,
  input: Static<typeof DefaultNoticeBody>,
): Promise<string> {
  const description = input.description.trim();
  if (description.length < MIN_DESCRIPTION) {
    throw invalid("body.description", claimWords.tooVague(MIN_DESCRIPTION));
  }
  const givenAt = clock.now();
  const learnedAt = new Date(input.learnedAt);
  if (learnedAt.getTime() > givenAt.getTime() + SKEW_MS) {
    throw invalid("body.learnedAt", claimWords.inFuture);
  }
  // Within the skew, "learned" is "now": the notice cannot be earlier than the learning.
  const timing = defaultNoticeTiming(learnedAt.getTime() > givenAt.getTime() ? givenAt : learnedAt, givenAt);
  const saved = await insertDefaultNotice(tx, {
    controllerId,
    description,
    learnedAt,
    givenAt,
    elapsedMinutes: timing.elapsedMinutes,
    late: timing.late,
    givenBy: actor.id,
    givenByName: actor.label,
    createdAt: givenAt,
  });
  const reference = claimWords.noticeReference(saved.number);
  const subject = { type: "default_notice", id: saved.id };
  await recordEvent(tx, clock, {
    type: "default_notice.given",
    actor,
    controllerId,
    subject,
    data: {
      reference,
      learnedAt: learnedAt.toISOString(),
      givenAt: givenAt.toISOString(),
      deadline: timing.deadline.toISOString(),
      elapsedMinutes: timing.elapsedMinutes,
      late: timing.late,
      description,
    },
  });
  await queueStaffNotice(tx, clock, actor, {
    controllerId,
    roles: ["admin", "privacy_officer"],
    subject,
    data: {
      kind: "default_notice_given",
      noticeId: saved.id,
      reference,
      customerName: (await customerName(tx, controllerId)) ?? "",
      learnedAt: learnedAt.toISOString(),
      givenAt: givenAt.toISOString(),
      elapsedMinutes: timing.elapsedMinutes,
      late: timing.late,
    },
  });
  return saved.id;
}
