import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict } from "../../http/errors.ts";
import { recordEvents, type EventActor } from "../evidence/index.ts";
import { insertSignature, markInForce, supersedeOtherAgreements, type FoundAgreement } from "./queries.ts";
import { agreementWords } from "./words.ts";

/**
 * Where a signer was (http/request-context.ts `requestMeta`): the address, how it is known (the
 * connection, or a configured proxy's X-Forwarded-For, with the proxy's address), the user agent.
 */
export interface SignMeta {
  ip: string | null;
  ipSource?: "socket" | "forwarded" | null;
  proxyIp?: string | null;
  userAgent: string | null;
}

/** The processor's auto-countersign policy as a signer (art. 12.1, "or a policy countersigns"). */
export const POLICY_SIGNER: EventActor = { kind: "system", id: null, label: "auto-countersign policy" };

/**
 * art. 12.1: the processor countersigns `found` (the agreement as read in this transaction), and
 * returns it as it now stands; the agreement is in force from the last signature. The
 * controller's previous agreement in force is superseded at that instant (art. 12.3: the old one
 * stays in force until the new one is signed by both).
 */
export async function countersignAgreement(
  tx: Db,
  clock: Clock,
  signer: EventActor,
  found: FoundAgreement,
  input: { typedName: string; function: string },
  meta: SignMeta = { ip: null, userAgent: null },
): Promise<FoundAgreement> {
  const { agreement } = found;
  const agreementId = agreement.id;
  if (agreement.status !== "signed_by_customer" || !agreement.documentSha256 || !agreement.customerSignedAt) {
    throw conflict(agreementWords.notCountersignable(agreement.status));
  }
  const now = clock.now();
  const effectiveAt = now > agreement.customerSignedAt ? now : agreement.customerSignedAt;
  await insertSignature(tx, {
    agreementId,
    controllerId: agreement.controllerId,
    party: "processor",
    method: signer.id ? "user" : "policy",
    userId: signer.id,
    typedName: input.typedName.trim(),
    function: input.function.trim(),
    consentText: "countersigned on behalf of the processor",
    documentSha256: agreement.documentSha256,
    signedAt: now,
    ip: meta.ip,
    ipSource: meta.ipSource ?? null,
    proxyIp: meta.proxyIp ?? null,
    userAgent: meta.userAgent,
  });
  const inForce = await markInForce(tx, agreementId, now, effectiveAt);
  if (!inForce) {
    throw conflict(agreementWords.countersignedJustNow);
  }
  const superseded = await supersedeOtherAgreements(tx, agreement.controllerId, agreementId, effectiveAt);
  await recordEvents(tx, clock, [
    {
      type: "agreement.countersigned",
      actor: signer,
      controllerId: agreement.controllerId,
      subject: { type: "agreement", id: agreementId },
      data: {
        templateVersion: found.templateVersion,
        documentSha256: agreement.documentSha256,
        typedName: input.typedName.trim(),
        function: input.function.trim(),
        method: signer.id ? "user" : "policy",
      },
    },
    {
      type: "agreement.in_force",
      actor: signer,
      controllerId: agreement.controllerId,
      subject: { type: "agreement", id: agreementId },
      data: { templateVersion: found.templateVersion, effectiveAt: effectiveAt.toISOString(), supersedes: superseded.map((s) => s.id) },
    },
  ]);
  return { ...found, agreement: inForce };
}
