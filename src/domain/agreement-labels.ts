import type { DocumentLabels, Locale } from "./agreement-document.ts";

// The fixed words of the agreement document around the template text, per language.

export const DOCUMENT_LABELS: Record<Locale, DocumentLabels> = {
  nl: {
    parties: "Partijen",
    processorRole: "Verwerker",
    controllerRole: "Verwerkingsverantwoordelijke",
    kvk: "KvK-nummer",
    annex1Title: "Bijlage 1: Specificatie persoonsgegevens",
    annex1A: "1A Verwerker verwerkt persoonsgegevens in het kader van (een of meerdere van) de volgende diensten:",
    annex1B: "1B Verwerker verwerkt persoonsgegevens voor (een of meerdere van) de volgende doeleinden:",
    annex1C: "1C Verwerker verwerkt namens Verwerkingsverantwoordelijke de volgende categorieën persoonsgegevens:",
    annex1D: "1D Het betreft de volgende categorieën betrokkenen:",
    annex1E: "1E Subverwerkers die Verwerker voor deze diensten inschakelt (artikel 5):",
    annex1ENone: "Geen.",
    annex1ECountries: "Landen",
    annex1ETransfer: "doorgifte op grond van",
    annex2Title: "Bijlage 2: Technische en organisatorische beveiligingsmaatregelen",
    signaturesTitle: "Ondertekening",
    signedBy: "Ondertekend door",
    function: "Functie",
    signedAt: "Datum en tijd van ondertekening",
    signedByPolicy: "Namens Verwerker automatisch medeondertekend volgens vastgesteld beleid",
    notYetSigned: "Nog niet ondertekend",
    documentHash: "Documenthash (SHA-256)",
    documentHashExplanation:
      "Deze SHA-256-hash is berekend over het PDF-bestand van de overeenkomst zoals het is ondertekend; een exemplaar met dezelfde hash is bit voor bit gelijk aan het ondertekende document.",
    version: "Versie",
    page: "Pagina",
    of: "van",
  },
  en: {
    parties: "Parties",
    processorRole: "Processor",
    controllerRole: "Controller",
    kvk: "Chamber of Commerce number",
    annex1Title: "Annex 1: Specification of personal data",
    annex1A: "1A The Processor processes personal data in connection with (one or more of) the following services:",
    annex1B: "1B The Processor processes personal data for (one or more of) the following purposes:",
    annex1C: "1C The Processor processes the following categories of personal data on behalf of the Controller:",
    annex1D: "1D The processing concerns the following categories of data subjects:",
    annex1E: "1E Sub-processors the Processor engages for these services (article 5):",
    annex1ENone: "None.",
    annex1ECountries: "Countries",
    annex1ETransfer: "transfer based on",
    annex2Title: "Annex 2: Technical and organisational security measures",
    signaturesTitle: "Signatures",
    signedBy: "Signed by",
    function: "Position",
    signedAt: "Date and time of signature",
    signedByPolicy: "Countersigned automatically on behalf of the Processor under an adopted policy",
    notYetSigned: "Not yet signed",
    documentHash: "Document hash (SHA-256)",
    documentHashExplanation:
      "This SHA-256 hash was computed over the PDF file of the agreement as signed; a copy with the same hash is identical, bit for bit, to the signed document.",
    version: "Version",
    page: "Page",
    of: "of",
  },
};

// ---------------------------------------------------------------------------------------------
// Placeholders
