import type { DeletionParty, HoldCapacity } from "../../db/schema/index.ts";
import type { LocalizedText } from "../../domain/text.ts";

// The ending module's wording in Dutch and English (art. 12.2, 12.4: the end of the agreement, the
// deletion plan, legal holds and the deletion certificate): its API answers, its notice kinds'
// labels, the plan's duty and the certificate's text.
export const endingWords = {
  noun: {
    ending: { nl: "beëindiging", en: "end of agreement" },
    line: { nl: "regel van het verwijderplan", en: "line of the deletion plan" },
    hold: { nl: "wettelijke bewaarplicht", en: "legal hold" },
    certificate: { nl: "verwijderingsverklaring", en: "deletion certificate" },
  },
  reference: (n: number) => `BE-${String(n).padStart(4, "0")}`,
  planDuty: (reference: string): LocalizedText => ({
    nl: `Verwijderplan ${reference} uitvoeren en bevestigen (art. 12.2)`,
    en: `Carry out and confirm deletion plan ${reference} (art. 12.2)`,
  }),
  parties: { processor: { nl: "Verwerker", en: "Processor" }, subprocessor: { nl: "Subverwerker", en: "Sub-processor" } } satisfies Record<
    DeletionParty,
    LocalizedText
  >,
  capacities: {
    controller: { nl: "als verwerkingsverantwoordelijke (eigen administratie, geen klantinhoud)", en: "as controller (own records, not customer content)" },
    processor: { nl: "als verwerker, uitsluitend voor de wettelijke plicht", en: "as processor, for the legal duty only" },
  } satisfies Record<HoldCapacity, LocalizedText>,
  required: { nl: "is verplicht", en: "is required" },
  inFuture: { nl: "ligt in de toekomst", en: "is in the future" },
  beforeEnd: { nl: "ligt vóór het einde van de overeenkomst", en: "is before the agreement ended" },
  notADate: { nl: "is geen bestaande datum", en: "is not a date that exists" },
  holdEndsPast: { nl: "moet na het einde van de overeenkomst liggen", en: "must be after the agreement ended" },
  subprocessorConfirmationNeeded: {
    nl: "is verplicht: voeg eerst de bevestiging van de subverwerker toe (art. 5.3)",
    en: "is required: attach the sub-processor's confirmation first (art. 5.3)",
  },
  attachmentOnlyForSubprocessor: {
    nl: "Alleen een regel van een subverwerker krijgt diens bevestiging als bijlage.",
    en: "Only a sub-processor's line takes its confirmation as an attachment.",
  },
  returnPending: {
    nl: "De klant vroeg zijn gegevens terug: lever die eerst en sluit het verzoek, dan pas verwijderen.",
    en: "The customer asked for its data back: deliver them and close the request first, then delete.",
  },
  alreadyConfirmed: { nl: "Deze regel is al bevestigd.", en: "This line is already confirmed." },
  holdAlreadyReleased: { nl: "De gegevens van deze bewaarplicht zijn al verwijderd.", en: "The data of this hold are already deleted." },
  holdAfterCertificate: {
    nl: "Het verwijderplan is voltooid en de verklaring afgegeven: een bewaarplicht wordt vóór de laatste bevestiging vastgelegd.",
    en: "The deletion plan is complete and its certificate issued: a hold is recorded before the last confirmation.",
  },
  beforeHoldEnd: { nl: "ligt vóór het einde van de bewaarplicht", en: "is before the hold ended" },
  holdNotEnded: {
    nl: "De bewaarplicht loopt nog: de gegevens mogen pas na de einddatum worden verwijderd.",
    en: "The hold still runs: its data may only be deleted after its end date.",
  },
  sendMultipart: { nl: "stuur één bestand als multipart/form-data (veld file)", en: "send one file as multipart/form-data (field file)" },
  sendOneFile: { nl: "stuur precies één bestand in het veld file", en: "send exactly one file in the field file" },
  emptyFile: (name: string) => ({ nl: `${name} is leeg`, en: `${name} is empty` }),
  noEnding: { nl: "De overeenkomst van deze klant is niet beëindigd.", en: "This customer's agreement has not ended." },
  endedKind: { nl: "Einde van de verwerkersovereenkomst", en: "End of the data processing agreement" },
  certificateKind: { nl: "Verwijderingsverklaring", en: "Deletion certificate" },
  holdEndedKind: { nl: "Wettelijke bewaarplicht afgelopen", en: "Legal hold ended" },
  certificate: {
    title: { nl: "Verwijderingsverklaring", en: "Deletion certificate" },
    supplementary: { nl: "Aanvullende verwijderingsverklaring", en: "Supplementary deletion certificate" },
    intro: {
      nl: "De verwerkersovereenkomst is geëindigd toen de laatste dienst van Verwerkingsverantwoordelijke eindigde (art. 12.2). Verwerker verklaart dat de persoonsgegevens die zij voor Verwerkingsverantwoordelijke verwerkte, als hieronder vermeld zijn verwijderd, ook bij haar subverwerkers (art. 5.3).",
      en: "The data processing agreement ended when the Controller's last service ended (art. 12.2). The Processor declares that the personal data it processed for the Controller have been deleted as set out below, at its sub-processors too (art. 5.3).",
    },
    supplementaryIntro: {
      nl: "Deze aanvullende verklaring betreft gegevens die Verwerker na het einde wettelijk moest bewaren (art. 12.4) en die na afloop van die bewaarplicht zijn verwijderd.",
      en: "This supplementary certificate concerns data the Processor was legally obliged to keep after the end (art. 12.4) and that were deleted when that obligation ended.",
    },
    customer: { nl: "Verwerkingsverantwoordelijke", en: "Controller" },
    customerNumber: { nl: "klantnummer", en: "customer number" },
    ended: { nl: "Einde overeenkomst", en: "Agreement ended" },
    issued: { nl: "Afgegeven", en: "Issued" },
    deleted: { nl: "Verwijderd", en: "Deleted" },
    party: { nl: "Partij", en: "Party" },
    system: { nl: "Systeem", en: "System" },
    category: { nl: "Gegevenscategorie", en: "Data category" },
    when: { nl: "Wanneer", en: "When" },
    how: { nl: "Hoe", en: "How" },
    confirmedBy: { nl: "Bevestigd door", en: "Confirmed by" },
    subprocessorProof: { nl: "Bevestiging subverwerker (SHA-256)", en: "Sub-processor's confirmation (SHA-256)" },
    held: { nl: "Nog bewaard (art. 12.4)", en: "Still held (art. 12.4)" },
    heldNone: { nl: "Verwerker bewaart geen gegevens van Verwerkingsverantwoordelijke meer.", en: "The Processor keeps no data of the Controller any longer." },
    what: { nl: "Welke gegevens", en: "What data" },
    ground: { nl: "Wettelijke grondslag", en: "Legal ground" },
    capacity: { nl: "Hoedanigheid", en: "Capacity" },
    until: { nl: "Tot en met", en: "Until" },
    holdDeleted: { nl: "Na de bewaartermijn verwijderd", en: "Deleted after the hold" },
    page: { nl: "pagina", en: "page" },
    of: { nl: "van", en: "of" },
    note: {
      nl: "Deze verklaring is opgesteld uit het bewijslogboek van Art28; iedere bevestiging staat daar met tijdstip en bevestiger.",
      en: "This certificate is drawn from Art28's evidence log, where each confirmation is recorded with its time and who confirmed it.",
    },
    fileName: (reference: string, n: number, locale: "nl" | "en") =>
      locale === "nl" ? `verwijderingsverklaring-${reference}-${n}.pdf` : `deletion-certificate-${reference}-${n}.pdf`,
  },
};
