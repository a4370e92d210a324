// The register module's public surface (GDPR art. 30(2); agreement art. 1.4): other modules import from here only.
//
// What it decides (issue 11, point 4):
// - Live, no copy: every export reads the customers, their privacy contact, the services they take
//   and the catalogue (Annex 1: purposes, data, data subjects, active sub-processors and their
//   locations) anew; transfers outside the EEA are assessed with domain/transfers.ts as Annex 1E does.
// - The measures (art. 30(2)(d)) come from one function, measures-in-force.ts: Annex 2 in force (the
//   version published last, named on every line), from the measures module.
// - One line per customer and service (a customer without services: one line), so a spreadsheet
//   filters by either; the processor's name and contact and the measures' themes on every line, the
//   measures in full on the XLSX's own sheet and in the PDF.
// - Staff (admin, privacy officer, auditor) export the whole register; CSV and XLSX are streamed from
//   keyset pages of 1,000 customers, each read in its own short transaction (so PGlite answers other
//   requests between pages). The PDF is typeset in one go by Typst, so it is refused above
//   PDF_MAX_CONTROLLERS (400 naming query.format, recommending the XLSX).
// - Each customer exports its own slice (CSV, XLSX, PDF, JSON) under row-level security: another
//   customer's id is 404.
import { registerRoutes } from "./routes.ts";

export { openRegisterExport, writeRegister, registerFileName, type RegisterFormat } from "./export-register.ts";
export { PDF_MAX_CONTROLLERS } from "./export-files.ts";

/** What the register module brings to the core; src/modules.ts lists it. */
export const registerModule = {
  name: "register",
  routes: [registerRoutes],
};
