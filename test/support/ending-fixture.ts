import assert from "node:assert/strict";
import type { Client } from "./app.ts";

/** A deletion certificate as the ending API lists it. */
export interface IssuedCertificate {
  id: string;
  sha256: string;
  locale: string;
}

/**
 * Ends a customer's agreement as staff do over the API (its services all ended) and confirms every
 * line of its deletion plan: the last confirmation issues the final deletion certificate (art. 12.4).
 */
export async function endAndIssueCertificate(officer: Pick<Client, "send" | "get">, controllerId: string, now: Date): Promise<IssuedCertificate> {
  const ended = await officer.send("PUT", `/api/v1/controllers/${controllerId}/services`, { services: [] });
  assert.equal(ended.statusCode, 200, ended.body);
  type Ending = { ending: { lines: { id: string }[]; certificates: IssuedCertificate[] } | null };
  const ending = async () => (await officer.get(`/api/v1/controllers/${controllerId}/ending`)).json<Ending>().ending;
  const plan = await ending();
  assert.ok(plan && plan.lines.length > 0, "the end of the agreement made a deletion plan");
  for (const line of plan.lines) {
    const done = await officer.send("POST", `/api/v1/deletion-lines/${line.id}/confirmation`, {
      deletedAt: now.toISOString(),
      method: "Schijven gewist; back-ups verlopen na 14 dagen",
    });
    assert.equal(done.statusCode, 200, done.body);
  }
  const [certificate] = (await ending())?.certificates ?? [];
  assert.ok(certificate, "the last confirmation issued the certificate");
  return certificate;
}
