/** Nederlands: het verwerkingsregister (art. 30 AVG; art. 1.4 van de overeenkomst). Gespreid in nl.ts. */
export const nlRegister = {
  register: {
    nav: "Verwerkingsregister",
    title: "Verwerkingsregister",
    intro:
      "Het register van de verwerkingen die wij als verwerker voor iedere klant uitvoeren (art. 30 lid 2 AVG), steeds afgeleid van wat Art28 al weet: de klanten en hun privacycontactpersoon, hun diensten met doeleinden, gegevens en betrokkenen (Bijlage 1), doorgifte buiten de EER met de grondslag, en de maatregelen (Bijlage 2).",
    export: "Exporteren",
    language: "Taal van het bestand",
    controllers_one: "{{count}} klant in het register.",
    controllers_other: "{{count}} klanten in het register.",
    pdfTooLarge: "De PDF gaat tot {{limit}} klanten; exporteer dit register als XLSX of CSV.",
    preview: "Voorbeeld: de eerste regels",
    previewHint: "Eén regel per klant en dienst, zoals in de CSV en de XLSX.",
    empty: "Er staan nog geen klanten in het register.",
    portalNav: "Voor uw register",
    portalTitle: "Voor uw verwerkingsregister",
    portalIntro:
      "Wat wij als verwerker voor u verwerken, voor uw eigen register van verwerkingsactiviteiten (art. 30 lid 1 AVG; art. 1.4 van de verwerkersovereenkomst): per dienst de doeleinden, categorieën persoonsgegevens en betrokkenen, de subverwerkers, doorgifte buiten de EER met de grondslag, en onze beveiligingsmaatregelen.",
    download: "Downloaden",
    formats: { csv: "CSV", xlsx: "Excel (XLSX)", pdf: "PDF", json: "JSON" },
  },
};
