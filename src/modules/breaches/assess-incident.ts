import type { Static } from "typebox";
import type { AssessmentBody } from "./schemas.ts";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { invalid } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { cancelBreachClocks, reopenBreachClocks } from "./breach-clocks.ts";
import { insertAssessment, lastAssessmentRevision, lockOpenIncident, setIncidentDecision, subjectOf } from "./queries.ts";
import { breachWords } from "./words.ts";

/** What the request body says: the route's schema validates it, and types it (no twin by hand). */
export type AssessmentInput = Static<typeof AssessmentBody>;

/**
 * Records an assessment of an incident: was personal data affected, did a breach really happen
 * (art. 6.1: notify "only when a leak really happened"), which security properties, the risk to
 * people, and the decision to notify the customers or not, with its reasoning and who took it.
 * A revision is a new row: every earlier assessment stays. Deciding "no_notify" stops the
 * affected customers' 48-hour clocks; deciding "notify" again restarts those not yet notified
 * (from the discovery instant: the time already passed still counts).
 */
export async function assessIncident(
  tx: Db,
  clock: Clock,
  actor: EventActor & { id: string | null; name: string },
  id: string,
  input: AssessmentInput,
): Promise<string> {
  const incident = await lockOpenIncident(tx, id);
  if (input.decision === "notify" && !(input.personalData && input.breach)) {
    throw invalid("body.decision", breachWords.notifyOnlyBreach);
  }
  if (input.breach && !(input.confidentiality || input.integrity || input.availability)) {
    throw invalid("body.confidentiality", breachWords.chooseProperty);
  }
  if (input.reasoning.trim().length < 10) {
    throw invalid("body.reasoning", breachWords.explainDecision);
  }
  const now = clock.now();
  const revision = (await lastAssessmentRevision(tx, id)) + 1;
  const assessmentId = await insertAssessment(tx, {
    incidentId: id,
    revision,
    ...input,
    reasoning: input.reasoning.trim(),
    decidedBy: actor.id,
    decidedByName: actor.name,
    decidedAt: now,
  });
  await setIncidentDecision(tx, id, input.decision, now);
  if (input.decision === "no_notify" && incident.decision !== "no_notify") {
    await cancelBreachClocks(tx, clock, actor, id, "assessed: no notification");
  } else if (input.decision === "notify" && incident.decision === "no_notify") {
    await reopenBreachClocks(tx, clock, actor, incident, "assessed again: notify");
  }
  await recordEvent(tx, clock, {
    type: "incident.assessed",
    actor,
    controllerId: null,
    subject: subjectOf(id),
    data: { revision, previousDecision: incident.decision, ...input },
  });
  return assessmentId ?? "";
}
