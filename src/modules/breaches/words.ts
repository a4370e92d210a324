import type { LocalizedText } from "../../domain/text.ts";

// The breach module's wording in Dutch and English: its API answers, its duties and its documents
// (the notice PDF, the AP draft, the register as PDF, CSV and XLSX) use these. Pure, so the web could import it.
export const breachWords = {
  /** Nouns for "… not found". */
  noun: {
    incident: { nl: "incident", en: "incident" },
    breach: { nl: "datalek", en: "breach" },
    breachNotice: { nl: "melding datalek", en: "breach notice" },
    customer: { nl: "klant", en: "customer" },
  },

  /** The notice kind in words (inboxes, the outbox). */
  noticeKind: { nl: "Melding datalek", en: "Data breach notice" },
  /** File names of the documents, without extension. */
  fileName: {
    register: { nl: "incidentenregister", en: "incident-register" },
    apDraft: { nl: "concept-melding-ap", en: "draft-ap-notification" },
    notice: { nl: "melding-datalek", en: "breach-notice" },
  },

  /** The register's PDF is bounded (REGISTER_PDF_MAX); a longer register is exported as CSV or XLSX. */
  registerPdfTooLarge: (count: number, limit: number): LocalizedText => ({
    nl: `Het register telt ${count} incidenten; als PDF gaat het tot ${limit}. Exporteer het als XLSX of CSV.`,
    en: `The register holds ${count} incidents; as a PDF it goes up to ${limit}. Export it as XLSX or CSV.`,
  }),
  incidentClosed: { nl: "het incident is afgesloten", en: "the incident is closed" },

  // The register (record-incident.ts).
  discoveryInFuture: { nl: "ligt in de toekomst", en: "lies in the future" },
  startAfterDiscovery: {
    nl: "ligt na de ontdekking; een incident begint voordat het ontdekt wordt",
    en: "lies after the discovery; an incident starts before it is discovered",
  },
  endBeforeStart: { nl: "ligt vóór het begin", en: "lies before the start" },
  endedNotOngoing: { nl: "een incident met een einde is niet meer gaande", en: "an incident with an end is no longer going on" },
  unknownService: { nl: "onbekende dienst", en: "unknown service" },
  unknownSubprocessor: { nl: "onbekende subverwerker", en: "unknown sub-processor" },
  discoveryFixed: {
    nl: "kan niet meer veranderen: er zijn al meldingen met dit tijdstip verstuurd (stuur een vervolgmelding met de correctie)",
    en: "can no longer change: notices carrying it have been sent (send a follow-up with the correction)",
  },

  // The assessment (assess-incident.ts).
  notifyOnlyBreach: {
    nl: "melden (art. 6.1) past alleen bij een datalek dat zich echt heeft voorgedaan en persoonsgegevens raakt",
    en: "notifying (art. 6.1) fits only a breach that really happened and involves personal data",
  },
  chooseProperty: {
    nl: "een datalek raakt de vertrouwelijkheid, integriteit of beschikbaarheid: kies er minstens één",
    en: "a breach affects confidentiality, integrity or availability: choose at least one",
  },
  explainDecision: { nl: "leg het besluit uit (minstens 10 tekens)", en: "explain the decision (at least 10 characters)" },

  // The affected customers (affected-customers.ts).
  nameCustomers: { nl: "noem de klanten, of kies fromProposal", en: "name the customers, or choose fromProposal" },
  unknownCustomer: { nl: "onbekende klant", en: "unknown customer" },
  customerStaysNotified: { nl: "deze klant is al ingelicht en blijft op de lijst", en: "this customer has been notified and stays on the list" },

  // The 48-hour duty (breach-clocks.ts, art. 6.1).
  notifyDuty: (reference: string): LocalizedText => ({ nl: `Datalek ${reference} melden (art. 6.1)`, en: `Notify data breach ${reference} (art. 6.1)` }),

  // Rounds of notices and closing (send-notices.ts, close-incident.ts).
  assessFirst: {
    nl: "beoordeel het incident eerst: meld alleen een datalek dat zich echt heeft voorgedaan (art. 6.1)",
    en: "assess the incident first: notify only a breach that really happened (art. 6.1)",
  },
  decidedNotToNotify: { nl: "het besluit is niet te melden; herzie eerst de beoordeling", en: "the decision is not to notify; revise the assessment first" },
  factMissing: { nl: "ontbreekt", en: "is missing" },
  /** `named`: how many of the incomplete ones the error lists, when not all. */
  incompleteNotices: (incomplete: number, total: number, named: number | null): LocalizedText => {
    const more = named === null ? { nl: "", en: "" } : { nl: ` (de eerste ${named} staan hieronder)`, en: ` (the first ${named} are listed)` };
    return {
      nl: `${incomplete} van ${total} meldingen zijn niet volledig en kunnen niet verstuurd worden${more.nl}; vul elk feit in of zeg expliciet dat het nog onbekend is`,
      en: `${incomplete} of ${total} notices are incomplete and cannot be sent${more.en}; fill in every fact or say explicitly that it is not yet known`,
    };
  },
  unnotifiedCustomers: (waiting: number): LocalizedText => ({
    nl: `${waiting} getroffen klant(en) zijn nog niet ingelicht; stuur hun melding eerst`,
    en: `${waiting} affected customer(s) have not been notified; send their notice first`,
  }),

  /** What every document's footer says. */
  page: { nl: "Pagina", en: "Page" },
  of: { nl: "van", en: "of" },

  /** The notice as PDF (documents/notice-pdf.ts). */
  notice: {
    heading: { nl: "Melding datalek", en: "Data breach notification" },
    reference: { nl: "Kenmerk", en: "Reference" },
    from: { nl: "Van (verwerker)", en: "From (processor)" },
    to: { nl: "Aan (verwerkingsverantwoordelijke)", en: "To (controller)" },
    sentAt: { nl: "Verzonden op", en: "Sent on" },
    due: { nl: "Meldtermijn (art. 6.1)", en: "Notification deadline (art. 6.1)" },
    nature: { nl: "Aard van de inbreuk", en: "Nature of the breach" },
    affectedCustomers: { nl: "Getroffen klanten (u inbegrepen)", en: "Customers affected (you included)" },
    message: { nl: "Toelichting bij deze melding", en: "About this notification" },
    facts: { nl: "Gegevens van het datalek (art. 6.2)", en: "Details of the data breach (art. 6.2)" },
    changed: { nl: "gewijzigd", en: "changed" },
    history: { nl: "Meldingen over dit datalek", en: "Notifications about this data breach" },
    number: { nl: "Nr.", en: "No." },
    kind: { nl: "Soort melding", en: "Type of notification" },
    thisOne: { nl: "(deze melding)", en: "(this notification)" },
    duty: { nl: "Uw eigen meldplicht (art. 33 AVG)", en: "Your own duty to notify (art. 33 GDPR)" },
    none: { nl: "—", en: "—" },
    natureOf: {
      confidentiality: { nl: "vertrouwelijkheid", en: "confidentiality" },
      integrity: { nl: "integriteit", en: "integrity" },
      availability: { nl: "beschikbaarheid", en: "availability" },
    },
    /** As the email names them: "Eerste melding", "Aanvulling 2", "Afsluitende melding". */
    initialStage: { nl: "Eerste melding", en: "First notification" },
    followUpStage: (sequence: number): LocalizedText => ({ nl: `Aanvulling ${sequence - 1}`, en: `Update ${sequence - 1}` }),
    finalStage: { nl: "Afsluitende melding", en: "Final notification" },
    numbered: (sequence: number): LocalizedText => ({ nl: `melding nr. ${sequence}`, en: `notification no. ${sequence}` }),
    dueAfterDiscovery: { nl: "48 uur na ontdekking", en: "48 hours after discovery" },
    sentWithin: { nl: "; deze melding is binnen de termijn verzonden", en: "; this notification was sent within the deadline" },
    sentAfter: { nl: "; deze melding is na de termijn verzonden", en: "; this notification was sent after the deadline" },
    changedSince: (labels: string): LocalizedText => ({
      nl: `Gewijzigd sinds onze vorige melding: ${labels}.`,
      en: `Changed since our previous notification: ${labels}.`,
    }),
    unchangedSince: {
      nl: "De gegevens van art. 6.2 zijn sinds onze vorige melding niet gewijzigd.",
      en: "The information required by art. 6.2 has not changed since our previous notification.",
    },
    intro: {
      initial: {
        nl: "Hierbij informeren wij u als Verwerkingsverantwoordelijke, overeenkomstig art. 6.1 van de verwerkersovereenkomst, over een datalek: een inbreuk op de beveiliging van persoonsgegevens die wij als Verwerker voor u verwerken. Hieronder vindt u de gegevens van art. 6.2, voor zover die ons bij het verzenden bekend waren. Wat nog onbekend is, staat als zodanig vermeld.",
        en: "In accordance with art. 6.1 of the data processing agreement, we hereby inform you, as the controller, of a data breach: a breach of the security of personal data that we process as the processor on your behalf. Below you will find the information required by art. 6.2, as far as it was known to us when this notification was sent. What is not yet known is stated as such.",
      },
      follow_up: {
        nl: "Hierbij vullen wij onze eerdere melding over dit datalek aan (art. 6 van de verwerkersovereenkomst). Zoals art. 33 lid 4 AVG toestaat, verstrekken wij de informatie in stappen. Hieronder staan opnieuw alle gegevens van art. 6.2, zoals die bij het verzenden bij ons bekend waren.",
        en: "We hereby update our earlier notification of this data breach (art. 6 of the data processing agreement). As art. 33(4) GDPR allows, we provide the information in phases. Below, all the information required by art. 6.2 is given again, as it was known to us when this notification was sent.",
      },
      final: {
        nl: "Hierbij sturen wij u de afsluitende melding over dit datalek (art. 6 van de verwerkersovereenkomst). Wij hebben het incident afgesloten. Hieronder staan de gegevens van art. 6.2 zoals die bij de afsluiting bij ons bekend waren.",
        en: "We hereby send you the final notification of this data breach (art. 6 of the data processing agreement). We have closed the incident. Below is the information required by art. 6.2 as known to us when the incident was closed.",
      },
    },
    dutyText: {
      nl: "U beoordeelt als Verwerkingsverantwoordelijke zelf of u dit datalek meldt aan de Autoriteit Persoonsgegevens en/of aan de betrokkenen (art. 6.1 en 6.3 van de verwerkersovereenkomst). Moet u het melden, dan doet u dat zonder onredelijke vertraging en zo mogelijk binnen 72 uur nadat u van het datalek op de hoogte bent geraakt. Onze melding aan u vervangt uw melding aan de Autoriteit Persoonsgegevens niet. In de portal vindt u een vooraf ingevuld concept van uw melding aan de AP.",
      en: "As the controller, you assess yourself whether to notify this data breach to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens) and/or to the data subjects (art. 6.1 and 6.3 of the data processing agreement). If you must notify it, you do so without undue delay and, where feasible, within 72 hours of becoming aware of the data breach. Our notification to you does not replace your notification to the Autoriteit Persoonsgegevens. In the portal you will find a prefilled draft of your notification to the AP.",
    },
  },

  /** The customer's draft notification to the AP as PDF (documents/ap-draft-pdf.ts). */
  apDraft: {
    status: { nl: "Concept — niet ingediend", en: "Draft — not submitted" },
    deadline: { nl: "Uw uiterste meldtermijn bij de AP", en: "Your deadline for notifying the AP" },
    toAnswer: { nl: "Door u in te vullen", en: "For you to fill in" },
    legendAnswer: { nl: "vult u zelf in; alleen u kunt het beantwoorden.", en: "you fill in yourself; only you can answer it." },
    legendUnknown: { nl: "Cursief: nog onbekend bij de verwerker.", en: "In italics: not yet known to the processor." },
    footer: { nl: "Concept melding datalek aan de AP", en: "Draft breach notification to the AP" },
  },

  /** The incident register as CSV, XLSX and PDF (documents/register-export.ts). */
  register: {
    yes: { nl: "ja", en: "yes" },
    no: { nl: "nee", en: "no" },
    decision: {
      pending: { nl: "in beoordeling", en: "pending" },
      notify: { nl: "melden", en: "notify" },
      no_notify: { nl: "niet melden", en: "do not notify" },
    },
    status: {
      open: { nl: "open", en: "open" },
      closed: { nl: "gesloten", en: "closed" },
    },
    risk: {
      none: { nl: "geen risico", en: "no risk" },
      unlikely: { nl: "risico onwaarschijnlijk", en: "risk unlikely" },
      risk: { nl: "risico", en: "risk" },
      high: { nl: "hoog risico", en: "high risk" },
    } as Record<string, LocalizedText>,
    sheet: { nl: "Incidentenregister", en: "Incident register" },
    title: { nl: "Incidentenregister (art. 33 lid 5 AVG)", en: "Incident register (GDPR art. 33(5))" },
    /** The CSV's and XLSX's column headers. */
    column: {
      reference: { nl: "Kenmerk", en: "Reference" },
      title: { nl: "Titel", en: "Title" },
      description: { nl: "Omschrijving", en: "Description" },
      startedAt: { nl: "Begin", en: "Started" },
      endedAt: { nl: "Einde", en: "Ended" },
      ongoing: { nl: "Nog gaande", en: "Ongoing" },
      discoveredAt: { nl: "Ontdekt", en: "Discovered" },
      discoveryHow: { nl: "Hoe ontdekt", en: "How discovered" },
      systems: { nl: "Systemen", en: "Systems" },
      services: { nl: "Diensten", en: "Services" },
      subprocessors: { nl: "Subverwerkers", en: "Sub-processors" },
      personalData: { nl: "Persoonsgegevens betrokken", en: "Personal data involved" },
      breach: { nl: "Datalek (art. 6.1)", en: "Breach (art. 6.1)" },
      risk: { nl: "Risico", en: "Risk" },
      decision: { nl: "Besluit", en: "Decision" },
      reasoning: { nl: "Motivering", en: "Reasoning" },
      decidedBy: { nl: "Besloten door", en: "Decided by" },
      decidedAt: { nl: "Besloten op", en: "Decided at" },
      assessments: { nl: "Aantal beoordelingen", en: "Assessments" },
      affectedCustomers: { nl: "Getroffen klanten", en: "Customers affected" },
      notifiedCustomers: { nl: "Gemelde klanten", en: "Customers notified" },
      notifiedInTime: { nl: "Binnen 48 uur gemeld", en: "Notified within 48 hours" },
      firstNoticeAt: { nl: "Eerste melding", en: "First notice" },
      status: { nl: "Status", en: "Status" },
      closedAt: { nl: "Gesloten op", en: "Closed at" },
      closingSummary: { nl: "Afsluiting", en: "Closing summary" },
      measuresTaken: { nl: "Genomen maatregelen", en: "Measures taken" },
      consequences: { nl: "Gevolgen", en: "Consequences" },
    },
    /** The PDF's: its columns, and the labels inside its cells. */
    pdf: {
      incident: { nl: "Incident", en: "Incident" },
      period: { nl: "Periode", en: "Period" },
      scope: { nl: "Systemen en diensten", en: "Systems and services" },
      assessment: { nl: "Beoordeling", en: "Assessment" },
      customers: { nl: "Klanten", en: "Customers" },
      generated: (at: string, count: number, zone: string): LocalizedText => ({
        nl: `Gegenereerd op ${at} · ${count} ${count === 1 ? "incident" : "incidenten"} · tijden in ${zone}`,
        en: `Generated on ${at} · ${count} ${count === 1 ? "incident" : "incidents"} · times in ${zone}`,
      }),
      empty: { nl: "Er zijn geen incidenten geregistreerd.", en: "No incidents have been recorded." },
      startUnknown: { nl: "begin onbekend", en: "start unknown" },
      stillOngoing: { nl: "; nog gaande", en: "; still going on" },
      personalData: { nl: "Persoonsgegevens", en: "Personal data" },
      breach: { nl: "Datalek", en: "Breach" },
      decidedBy: (name: string): LocalizedText => ({ nl: `door ${name}`, en: `by ${name}` }),
      affected: { nl: "getroffen", en: "affected" },
      notified: { nl: "gemeld", en: "notified" },
      inTime: { nl: "binnen 48 uur", en: "within 48 h" },
      firstNotice: { nl: "eerste melding", en: "first notice" },
    },
  },
} as const;
