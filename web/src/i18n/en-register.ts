import type { nlRegister } from "./nl-register";

/** English: the register of processing (GDPR art. 30; art. 1.4 of the agreement). Spread into en.ts. */
export const enRegister: typeof nlRegister = {
  register: {
    nav: "Processing register",
    title: "Register of processing",
    intro:
      "The register of the processing we carry out as processor on behalf of each customer (GDPR art. 30(2)), always derived from what Art28 already knows: the customers and their privacy contact, their services with purposes, data and data subjects (Annex 1), transfers outside the EEA with their mechanism, and the measures (Annex 2).",
    export: "Export",
    language: "Language of the file",
    controllers_one: "{{count}} customer in the register.",
    controllers_other: "{{count}} customers in the register.",
    pdfTooLarge: "The PDF goes up to {{limit}} customers; export this register as XLSX or CSV.",
    preview: "Preview: the first lines",
    previewHint: "One line per customer and service, as in the CSV and the XLSX.",
    empty: "There are no customers in the register yet.",
    portalNav: "For your register",
    portalTitle: "For your record of processing",
    portalIntro:
      "What we process for you as processor, for your own record of processing activities (GDPR art. 30(1); art. 1.4 of the data processing agreement): per service the purposes, categories of personal data and data subjects, the sub-processors, transfers outside the EEA with their mechanism, and our security measures.",
    download: "Download",
    formats: { csv: "CSV", xlsx: "Excel (XLSX)", pdf: "PDF", json: "JSON" },
  },
};
