import assert from "node:assert/strict";
import type { Session } from "./sessions.ts";

/**
 * Takes a recorded incident, with its affected customers chosen, through to its first notices as the
 * security officer does over the API: assessed as a breach to notify, every art. 6.2 fact known (the
 * period starting at `periodStart`), the round sent.
 */
export async function assessAndNotify(security: Pick<Session, "send">, incidentId: string, periodStart: Date): Promise<void> {
  const at = (path: string) => `/api/v1/incidents/${incidentId}${path}`;
  const assessed = await security.send("POST", at("/assessments"), {
    personalData: true,
    breach: true,
    confidentiality: true,
    integrity: false,
    availability: false,
    risk: "risk",
    decision: "notify",
    reasoning: "Een echt datalek.",
  });
  assert.equal(assessed.statusCode, 201, assessed.body);
  const text = (value: string) => ({ status: "known", value });
  const facts = await security.send("PUT", at("/facts"), {
    cause: text("Een lek in de webmail"),
    consequences: { status: "unknown" },
    solution: text("Bijgewerkt"),
    contact: { status: "known", value: { name: "Sanne de Wit", email: "security@hosting.example", phone: "+31 20 1234567" } },
    affectedCount: { status: "known", value: { kind: "exact", count: 12 } },
    subjectGroup: text("Correspondenten"),
    dataKinds: { status: "known", value: ["e-mailadressen"] },
    period: { status: "known", value: { start: periodStart.toISOString() } },
    unintelligible: { status: "known", value: { state: "no" } },
    measuresTaken: text("Sessies beëindigd"),
    measuresPlanned: text("Tweestapsverificatie"),
  });
  assert.equal(facts.statusCode, 200, facts.body);
  const sent = await security.send("POST", at("/notices"), {});
  assert.equal(sent.statusCode, 200, sent.body);
}
