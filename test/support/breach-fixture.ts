import assert from "node:assert/strict";
import { serviceIds, type Session } from "./sessions.ts";

/** A webmail incident on the e-mail service, recorded by the security officer over the API (discovered 28 March 2026); its id. */
export async function recordWebmailIncident(security: Session): Promise<string> {
  const svc = await serviceIds(security);
  const recorded = await security.send("POST", "/api/v1/incidents", {
    title: "Webmaillek",
    description: "Een aanvaller las mailboxen.",
    discoveredAt: "2026-03-28T08:00:00Z",
    discoveryHow: "Monitoring",
    serviceIds: [svc.email],
  });
  assert.equal(recorded.statusCode, 201, recorded.body);
  return recorded.json<{ id: string }>().id;
}

/** Assesses a recorded incident over the API as a personal data breach (of confidentiality) to notify. */
export async function assessAsBreach(security: Pick<Session, "send">, incidentId: string): Promise<void> {
  const assessed = await security.send("POST", `/api/v1/incidents/${incidentId}/assessments`, {
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
}

/**
 * Takes a recorded incident, with its affected customers chosen, through to its first notices as the
 * security officer does over the API: assessed as a breach to notify, every art. 6.2 fact known (the
 * period starting at `periodStart`), the round sent.
 */
export async function assessAndNotify(security: Pick<Session, "send">, incidentId: string, periodStart: Date): Promise<void> {
  const at = (path: string) => `/api/v1/incidents/${incidentId}${path}`;
  await assessAsBreach(security, incidentId);
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
