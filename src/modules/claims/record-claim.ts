import type { Static } from "typebox";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { claimLapsesAt } from "../../domain/liability-cap.ts";
import { invalid } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { meetObligations, openObligations } from "../obligations/index.ts";
import { findProcessor } from "../processor/index.ts";
import { capOf } from "./cap.ts";
import { controllerExists, defaultNoticeOf, findClaimEvent, insertClaim, insertClaimEvent, setClaimLapseObligation } from "./queries.ts";
import type { ClaimBody } from "./schemas.ts";
import { claimWords } from "./words.ts";

export const LAPSE_OBLIGATION_KIND = "claim_lapse";
const SKEW_MS = 5 * 60_000;

export const directCents = (c: {
  propertyDamageCents: number;
  defaultCostsCents: number;
  assessmentCostsCents: number;
  mitigationCostsCents: number;
}): number => c.propertyDamageCents + c.defaultCostsCents + c.assessmentCostsCents + c.mitigationCostsCents;

/**
 * The claims register (art. 11): a customer's claim for damages, tied to its damage-causing event
 * (an existing one: a series of connected events is one event, 11.1; or a new one), its amounts per
 * head of direct damage (11.2) and indirect damage (11.3), the cap of its event as it stands now, and
 * its lapse date 12 months after it arose (11.6) as the customer's window on the obligation engine
 * (met when the claim was specified and explicitly reported). One transaction with its evidence.
 */
export async function recordClaim(tx: Db, clock: Clock, actor: EventActor, input: Static<typeof ClaimBody>): Promise<string> {
  const now = clock.now();
  if (!(await controllerExists(tx, input.controllerId))) {
    throw invalid("body.controllerId", claimWords.unknownCustomer);
  }
  const hasId = input.eventId !== undefined && input.eventId !== null;
  const hasNew = input.event !== undefined && input.event !== null;
  if (hasId === hasNew) {
    throw invalid(hasId ? "body.event" : "body.eventId", claimWords.eventXorNew);
  }
  const description = input.description.trim();
  if (description === "") {
    throw invalid("body.description", claimWords.empty);
  }
  const arisenAt = new Date(input.arisenAt);
  if (arisenAt.getTime() > now.getTime() + SKEW_MS) {
    throw invalid("body.arisenAt", claimWords.inFuture);
  }
  const specifiedAt = input.specifiedAt ? new Date(input.specifiedAt) : null;
  if (specifiedAt && specifiedAt.getTime() > now.getTime() + SKEW_MS) {
    throw invalid("body.specifiedAt", claimWords.inFuture);
  }
  if (specifiedAt && specifiedAt.getTime() < arisenAt.getTime()) {
    throw invalid("body.specifiedAt", claimWords.beforeArisen);
  }
  const damages = input.damages;
  if (directCents(damages) + damages.indirectCents === 0) {
    throw invalid("body.damages", claimWords.nothingClaimed);
  }
  let event;
  if (input.eventId) {
    event = await findClaimEvent(tx, input.eventId);
    if (!event || event.controllerId !== input.controllerId) {
      throw invalid("body.eventId", claimWords.unknownEvent);
    }
  } else {
    const given = input.event as { description: string; occurredAt: string };
    const eventText = given.description.trim();
    if (eventText === "") {
      throw invalid("body.event.description", claimWords.empty);
    }
    const occurredAt = new Date(given.occurredAt);
    if (occurredAt.getTime() > now.getTime() + SKEW_MS) {
      throw invalid("body.event.occurredAt", claimWords.inFuture);
    }
    event = await insertClaimEvent(tx, { controllerId: input.controllerId, description: eventText, occurredAt, createdAt: now });
  }
  if (arisenAt.getTime() < event.occurredAt.getTime()) {
    throw invalid("body.arisenAt", claimWords.beforeEvent);
  }
  const notice = input.defaultNoticeId ? await defaultNoticeOf(tx, input.defaultNoticeId, input.controllerId) : null;
  if (input.defaultNoticeId && !notice) {
    throw invalid("body.defaultNoticeId", claimWords.unknownNotice);
  }
  const { timeZone: zone } = await findProcessor(tx);
  const lapsesAt = claimLapsesAt(arisenAt, zone);
  const saved = await insertClaim(tx, {
    controllerId: input.controllerId,
    eventId: event.id,
    defaultNoticeId: notice?.id ?? null,
    description,
    arisenAt,
    specifiedAt,
    lapsesAt,
    ...damages,
    recordedBy: actor.id,
    recordedByName: actor.label,
    createdAt: now,
  });
  const reference = claimWords.claimReference(saved.number);
  const [window] = await openObligations(tx, clock, actor, [
    {
      controllerId: input.controllerId,
      kind: LAPSE_OBLIGATION_KIND,
      nature: "window",
      party: "controller",
      responsibleRoles: ["privacy_officer", "admin"],
      title: claimWords.lapseWindow(reference),
      subject: { type: "claim", id: saved.id },
      article: "11.6",
      clock: { unit: "months", amount: 12 },
      templateVersion: null,
      zone,
      triggerAt: arisenAt,
      reminders: [],
    },
  ]);
  if (window) {
    await setClaimLapseObligation(tx, saved.id, window.id);
    if (specifiedAt) {
      await meetObligations(tx, clock, actor, [window.id]);
    }
  }
  const cap = await capOf(tx, input.controllerId, event.occurredAt, zone, "nl");
  await recordEvent(tx, clock, {
    type: "claim.recorded",
    actor,
    controllerId: input.controllerId,
    subject: { type: "claim", id: saved.id },
    data: {
      reference,
      event: { id: event.id, reference: claimWords.eventReference(event.number), occurredAt: event.occurredAt.toISOString(), isNew: !input.eventId },
      defaultNotice: notice ? claimWords.noticeReference(notice.number) : null,
      arisenAt: arisenAt.toISOString(),
      specifiedAt: specifiedAt?.toISOString() ?? null,
      lapsesAt: lapsesAt.toISOString(),
      damages,
      directCents: directCents(damages),
      cap: { month: cap.month, source: cap.source, capCents: cap.capCents, lines: cap.lines },
    },
  });
  return saved.id;
}
