/** Dutch: the page frame (menu button, menu groups), tabs of long pages, and the form checks done in the browser. */
export const nlLayout = {
  layout: {
    menu: "Menu",
    openMenu: "Menu openen",
    closeMenu: "Menu sluiten",
    adminGroups: { customers: "Klanten", setup: "Inrichting", requests: "Verzoeken" },
    portalGroups: { processing: "Over de verwerking", settings: "Instellingen", requests: "Verzoeken" },
    offerLatest:
      "Versie {{version}} is de nieuwste. Klanten die haar nog niet aangeboden kregen, krijgen haar ter ondertekening; hun huidige overeenkomst blijft tot dan van kracht.",
    sections: "Onderdelen van deze pagina",
    customerTabs: {
      overview: "Overzicht",
      services: "Diensten",
      agreements: "Overeenkomsten",
      deadlines: "Termijnen en berichten",
      evidence: "Bewijslog",
    },
    incidentTabs: {
      incident: "Incident en beoordeling",
      affected: "Getroffen klanten",
      notice: "Melding en versturen",
      timeline: "Tijdlijn",
    },
  },
  validation: {
    required: "Vul dit veld in.",
    email: "Vul een geldig e-mailadres in (naam@voorbeeld.nl).",
    number: "Vul een heel getal in.",
    min: "Vul een getal van minimaal {{min}} in.",
    max: "Vul een getal van hoogstens {{max}} in.",
    tooLong: "Hoogstens {{max}} tekens.",
    pattern: "Dit heeft niet de juiste vorm.",
    url: "Vul een volledig webadres in (https://…).",
    checkFields: "Controleer de gemarkeerde velden.",
  },
};
