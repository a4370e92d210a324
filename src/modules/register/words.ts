// The register's nl/en wording (GDPR art. 30(2) and, for a customer's own slice, art. 30(1)): column
// headers of the CSV and XLSX, the PDF's texts, file names and refusals. Nothing else words these.
import type { LocalizedText } from "../../domain/text.ts";

const t = (nl: string, en: string): LocalizedText => ({ nl, en });

export const registerWords = {
  title: t("Register van verwerkingen (verwerker, art. 30 lid 2 AVG)", "Record of processing activities (processor, GDPR art. 30(2))"),
  sliceTitle: t("Verwerkingen door de verwerker voor uw register (art. 30 lid 1 AVG)", "Processing by the processor for your record (GDPR art. 30(1))"),
  sheet: { register: t("Register", "Register"), processor: t("Verwerker", "Processor"), measures: t("Maatregelen", "Measures") },
  fileName: { register: t("verwerkingsregister", "processing-register"), slice: t("verwerkingen-voor-ons-register", "processing-for-our-record") },
  noun: { controller: t("Klant", "Customer") },
  column: {
    processorName: t("Verwerker", "Processor"),
    processorContact: t("Contact verwerker (privacy)", "Processor contact (privacy)"),
    customerNumber: t("Klantnummer", "Customer number"),
    controllerName: t("Verwerkingsverantwoordelijke", "Controller"),
    controllerAddress: t("Adres", "Address"),
    contactRole: t("Rol contactpersoon", "Contact role"),
    contactName: t("Contactpersoon (FG/privacy)", "Contact (DPO/privacy)"),
    contactEmail: t("E-mail contactpersoon", "Contact email"),
    contactPhone: t("Telefoon contactpersoon", "Contact phone"),
    service: t("Dienst (categorie van verwerking)", "Service (category of processing)"),
    purposes: t("Doeleinden", "Purposes"),
    dataCategories: t("Categorieën persoonsgegevens", "Categories of personal data"),
    subjectCategories: t("Categorieën betrokkenen", "Categories of data subjects"),
    subprocessors: t("Subverwerkers", "Sub-processors"),
    transfers: t("Doorgifte buiten de EER (land: grondslag)", "Transfers outside the EEA (country: mechanism)"),
    measures: t("Beveiligingsmaatregelen (algemene beschrijving)", "Security measures (general description)"),
  },
  role: { dpo: t("Functionaris gegevensbescherming", "Data protection officer"), privacy_contact: t("Privacycontactpersoon", "Privacy contact") },
  measuresColumn: {
    category: t("Thema", "Theme"),
    title: t("Maatregel", "Measure"),
    description: t("Beschrijving", "Description"),
  },
  /** The measures column of each row: the themes of the measures in force, and where the whole text is. */
  measuresSummary: (themes: string[], version: number | null): LocalizedText =>
    t(
      `Bijlage 2${version === null ? "" : ` (versie ${version})`} van de verwerkersovereenkomst: ${themes.join("; ")}`,
      `Annex 2${version === null ? "" : ` (version ${version})`} of the data processing agreement: ${themes.join("; ")}`,
    ),
  noGround: t("geen grondslag vastgelegd", "no mechanism recorded"),
  adequacy: t("adequaatheidsbesluit (art. 45 AVG)", "adequacy decision (GDPR art. 45)"),
  none: t("geen", "none"),
  pdf: {
    generated: (at: string, controllers: number): LocalizedText =>
      t(`Opgesteld op ${at} · ${controllers} verwerkingsverantwoordelijken`, `Generated on ${at} · ${controllers} controllers`),
    processorHeading: t("De verwerker", "The processor"),
    categoriesHeading: t("Categorieën van verwerking (diensten)", "Categories of processing (services)"),
    transfersHeading: t("Doorgifte buiten de EER", "Transfers outside the EEA"),
    measuresHeading: t("Technische en organisatorische beveiligingsmaatregelen (Bijlage 2)", "Technical and organisational security measures (Annex 2)"),
    controllersHeading: t("Per verwerkingsverantwoordelijke", "Per controller"),
    controllerColumns: [
      t("Verwerkingsverantwoordelijke", "Controller"),
      t("Contactpersoon (FG/privacy)", "Contact (DPO/privacy)"),
      t("Diensten", "Services"),
      t("Doorgifte buiten de EER", "Transfers outside the EEA"),
    ],
    empty: t("Er zijn nog geen verwerkingsverantwoordelijken.", "There are no controllers yet."),
    noTransfers: t("Geen doorgifte buiten de EER.", "No transfers outside the EEA."),
    contactOf: (email: string): LocalizedText => t(`Privacy: ${email}`, `Privacy: ${email}`),
    page: t("Pagina", "Page"),
    of: t("van", "of"),
  },
  /** The staff PDF is refused above this many controllers: the XLSX holds any number. */
  pdfTooLarge: (count: number, limit: number): LocalizedText =>
    t(
      `Het register telt ${count} verwerkingsverantwoordelijken; als PDF gaat het tot ${limit}. Exporteer het als XLSX of CSV.`,
      `The register holds ${count} controllers; as a PDF it goes up to ${limit}. Export it as XLSX or CSV.`,
    ),
} as const;
