/**
 * The deletion certificate as PDF (art. 12.2, 12.4), typeset by Typst in process like the other
 * documents (measures/documents/report-pdf.ts): the layout (certificate.typ) gets its data as one
 * JSON file in Typst's virtual workspace, never as markup. No creation date: the same data give the
 * same bytes, so the SHA-256 recorded when it was issued is that of every later download in its language.
 */
import { typstRenderer } from "../../../documents/typst.ts";

const render = typstRenderer("/art28-ending", new URL("./", import.meta.url));

export interface CertificateData {
  locale: "nl" | "en";
  title: string;
  author: string;
  processor: string;
  customer: string;
  reference: string;
  ended: string;
  issued: string;
  intro: string;
  deletedHeading: string;
  columns: string[];
  lines: { party: string; system: string; category: string; when: string; how: string; by: string }[];
  proofs: string[];
  heldHeading: string;
  heldNone: string;
  holdColumns: string[];
  holds: { data: string; ground: string; capacity: string; until: string; deleted: string }[];
  note: string;
  footer: string;
  page: string;
  of: string;
}

export function renderCertificatePdf(data: CertificateData): Uint8Array {
  return render("certificate", "certificate", data, "deletion certificate");
}
