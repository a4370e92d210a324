import type { Static } from "typebox";
import type { SignBody } from "./schemas.ts";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import type { AgreementDocument } from "../../domain/agreement-document.ts";
import { AppError, conflict, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { findProcessor } from "../processor/index.ts";
import { composeAgreementDocument } from "./compose-document.ts";
import { currentAnnex2 } from "../measures/index.ts";
import { documentPdfAndHash } from "./document-hash.ts";
import { countersignAgreement, POLICY_SIGNER, type SignMeta } from "./countersign-agreement.ts";
import { insertSignature, markSignedByCustomer, type FoundAgreement } from "./queries.ts";
import { agreementWords } from "./words.ts";

/** What the request body says: the route's schema validates it, and types it (no twin by hand). */
export type SignInput = Static<typeof SignBody>;

export type { SignMeta };

/** A document's PDF as a signer is shown it, made by `renderForSigning`: its hash, the PDF kept aside. */
export interface ShownDocument {
  readonly sha256: string;
}

/** What each ShownDocument rendered: only renderForSigning's own results are ever reused. */
const renderings = new WeakMap<ShownDocument, { json: string; pdf: Uint8Array; sha256: string }>();

/** Typesets `document` as its signer is shown it; passed to signAgreement, the PDF is not typeset again. */
export function renderForSigning(document: AgreementDocument): ShownDocument {
  const { pdf, sha256 } = documentPdfAndHash(document);
  const shown: ShownDocument = Object.freeze({ sha256 });
  renderings.set(shown, { json: JSON.stringify(document), pdf, sha256 });
  return shown;
}

/** The consent the signer gives, recorded with the signature in the signer's language. */
export function consentText(locale: "nl" | "en", organisation: string): string {
  return agreementWords.consent(organisation)[locale];
}

/**
 * art. 12.1: the controller signs `found` (the agreement as read in this transaction) and gets it
 * back as it now stands. Records who (authenticated user, typed name, function), when,
 * from where (IP, user agent), the consent text and the SHA-256 of the exact PDF it was shown; the
 * PDF and the model that renders it are frozen with the agreement. With an auto-countersign policy
 * the processor's signature follows in the same transaction.
 *
 * `shown`: the rendering the caller already made to show the signer (`renderForSigning`; the
 * demo's loader does), so the PDF is not typeset twice. It is used only if the document composed
 * now is the one it rendered; the hash check is the same either way.
 */
export async function signAgreement(
  tx: Db,
  clock: Clock,
  signer: EventActor & { id: string; controllerId: string },
  found: FoundAgreement,
  input: SignInput,
  meta: SignMeta,
  shown?: ShownDocument,
): Promise<FoundAgreement> {
  const { agreement } = found;
  const agreementId = agreement.id;
  if (agreement.controllerId !== signer.controllerId) {
    throw notFound(agreementWords.noun.agreement);
  }
  if (agreement.status !== "offered") {
    throw conflict(agreementWords.notSignable(agreement.status));
  }
  const document = await composeAgreementDocument(tx, agreementId);
  if (!document) {
    throw notFound(agreementWords.noun.agreement);
  }
  const kept = shown === undefined ? undefined : renderings.get(shown);
  const { pdf, sha256 } = kept !== undefined && kept.json === JSON.stringify(document) ? kept : documentPdfAndHash(document);
  if (sha256 !== input.documentSha256) {
    throw new AppError("conflict", agreementWords.documentChanged, [{ field: "body.documentSha256", message: agreementWords.notCurrentDocument(sha256) }]);
  }
  const now = clock.now();
  const consent = consentText(agreement.locale, found.controllerName);
  await insertSignature(tx, {
    agreementId,
    controllerId: agreement.controllerId,
    party: "controller",
    method: "user",
    userId: signer.id,
    typedName: input.typedName.trim(),
    function: input.function.trim(),
    consentText: consent,
    documentSha256: sha256,
    signedAt: now,
    ip: meta.ip,
    ipSource: meta.ipSource ?? null,
    proxyIp: meta.proxyIp ?? null,
    userAgent: meta.userAgent,
  });
  // art. 7.1: the agreement keeps the Annex 2 version it was signed on (the one its document shows).
  const annex2 = await currentAnnex2(tx, agreement.locale);
  const signed = await markSignedByCustomer(tx, agreementId, {
    customerSignedAt: now,
    documentSha256: sha256,
    documentPdf: pdf,
    documentJson: document,
    annex2VersionId: annex2.versionId,
  });
  if (!signed) {
    throw conflict(agreementWords.signedJustNow);
  }
  await recordEvent(tx, clock, {
    type: "agreement.signed_by_customer",
    actor: signer,
    controllerId: agreement.controllerId,
    subject: { type: "agreement", id: agreementId },
    data: {
      templateVersion: found.templateVersion,
      annexVersion: found.annexVersion,
      annex2Version: annex2.version,
      documentSha256: sha256,
      typedName: input.typedName.trim(),
      function: input.function.trim(),
      consentText: consent,
      ip: meta.ip,
      ipSource: meta.ipSource ?? null,
      proxyIp: meta.proxyIp ?? null,
      userAgent: meta.userAgent,
    },
  });
  const processor = await findProcessor(tx);
  const state = { ...found, agreement: signed };
  return processor.autoCountersign
    ? countersignAgreement(tx, clock, POLICY_SIGNER, state, { typedName: processor.name, function: "auto-countersign policy" })
    : state;
}
