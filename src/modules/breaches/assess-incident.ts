import type { Static } from "typebox";
import type { AssessmentBody } from "./schemas.ts";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { incidentAssessments, incidents } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { invalid } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { cancelBreachClocks, reopenBreachClocks } from "./breach-clocks.ts";
import { lockOpenIncident, subjectOf } from "./queries.ts";

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
    throw invalid("body.decision", {
      nl: "melden (art. 6.1) past alleen bij een datalek dat zich echt heeft voorgedaan en persoonsgegevens raakt",
      en: "notifying (art. 6.1) fits only a breach that really happened and involves personal data",
    });
  }
  if (input.breach && !(input.confidentiality || input.integrity || input.availability)) {
    throw invalid("body.confidentiality", {
      nl: "een datalek raakt de vertrouwelijkheid, integriteit of beschikbaarheid: kies er minstens één",
      en: "a breach affects confidentiality, integrity or availability: choose at least one",
    });
  }
  if (input.reasoning.trim().length < 10) {
    throw invalid("body.reasoning", { nl: "leg het besluit uit (minstens 10 tekens)", en: "explain the decision (at least 10 characters)" });
  }
  const now = clock.now();
  const [last] = await tx
    .select({ revision: sql<number>`coalesce(max(${incidentAssessments.revision}), 0)::int` })
    .from(incidentAssessments)
    .where(eq(incidentAssessments.incidentId, id));
  const revision = Number(last?.revision ?? 0) + 1;
  const [row] = await tx
    .insert(incidentAssessments)
    .values({ incidentId: id, revision, ...input, reasoning: input.reasoning.trim(), decidedBy: actor.id, decidedByName: actor.name, decidedAt: now })
    .returning({ id: incidentAssessments.id });
  await tx.update(incidents).set({ decision: input.decision, updatedAt: now }).where(eq(incidents.id, id));
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
  return row?.id ?? "";
}
