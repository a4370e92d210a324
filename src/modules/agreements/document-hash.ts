import { createHash } from "node:crypto";
import type { AgreementDocument } from "../../domain/agreement-document.ts";
import { renderAgreementPdf } from "./document/pdf.ts";

/** The PDF a controller signs, and its SHA-256: the identity of "what was signed". */
export function documentPdfAndHash(document: AgreementDocument): { pdf: Uint8Array; sha256: string } {
  const pdf = renderAgreementPdf(document);
  return { pdf, sha256: createHash("sha256").update(pdf).digest("hex") };
}
