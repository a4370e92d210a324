/**
 * The measures report as PDF (art. 2.2, 7.1), typeset by Typst in process like the other documents
 * (breaches/documents/typst.ts): the layout (report.typ) gets its data as one JSON file in Typst's
 * virtual workspace, never as markup. No creation date: the same data give the same bytes.
 */
import { typstRenderer } from "../../../documents/typst.ts";

const render = typstRenderer("/art28-measures", new URL("./", import.meta.url));

export interface ReportData {
  locale: "nl" | "en";
  title: string;
  author: string;
  processor: string;
  subtitle: string;
  version: string;
  generated: string;
  lastReview: string;
  empty: string;
  note: string;
  footer: string;
  page: string;
  of: string;
  themes: { label: string; measures: { title: string; category: string; description: string; lastReview: string }[] }[];
}

export function renderReportPdf(data: ReportData): Uint8Array {
  return render("report", "report", data, "measures report");
}
