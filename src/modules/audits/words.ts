import type { ActionCarrier, AuditSide, InformationAsker } from "../../db/schema/index.ts";
import type { LocalizedText } from "../../domain/text.ts";

// The audits module's wording in Dutch and English (art. 10, 9.1): its API answers, its notice
// kinds' labels, the duties' titles and the billable items' texts.

/** What happened in an audit, as a notice to the other side names it. */
export type AuditActivity =
  | "expert_proposed"
  | "expert_agreed"
  | "date_proposed"
  | "date_agreed"
  | "information_requested"
  | "information_answered"
  | "finding_recorded"
  | "finding_agreed"
  | "action_added"
  | "action_completed"
  | "cost_recorded";

export const auditWords = {
  noun: {
    audit: { nl: "audit", en: "audit" },
    expert: { nl: "deskundige", en: "expert" },
    request: { nl: "informatieverzoek", en: "information request" },
    finding: { nl: "bevinding", en: "finding" },
    action: { nl: "actie", en: "action" },
    file: { nl: "auditbestand", en: "audit file" },
  },
  /** AU-<year of the request>-0001. */
  reference: (year: string, n: number) => `AU-${year}-${String(n).padStart(4, "0")}`,
  sides: {
    processor: { nl: "verwerker", en: "processor" },
    customer: { nl: "klant", en: "customer" },
  } satisfies Record<AuditSide, LocalizedText>,
  askers: {
    customer: { nl: "klant", en: "customer" },
    expert: { nl: "deskundige", en: "expert" },
  } satisfies Record<InformationAsker, LocalizedText>,
  carriers: {
    processor: { nl: "verwerker", en: "processor" },
    customer: { nl: "klant", en: "customer" },
    both: { nl: "beide partijen", en: "both parties" },
  } satisfies Record<ActionCarrier, LocalizedText>,
  stages: {
    requested: { nl: "Aangevraagd", en: "Requested" },
    refused: { nl: "Geweigerd", en: "Refused" },
    expert_agreed: { nl: "Deskundige overeengekomen", en: "Expert agreed" },
    scheduled: { nl: "Datum overeengekomen", en: "Date agreed" },
  },
  activities: {
    expert_proposed: { nl: "Er is een deskundige voorgesteld", en: "An expert was proposed" },
    expert_agreed: { nl: "De deskundige is overeengekomen", en: "The expert was agreed" },
    date_proposed: { nl: "Er is een datum voor de audit voorgesteld", en: "A date for the audit was proposed" },
    date_agreed: { nl: "De datum van de audit is overeengekomen", en: "The date of the audit was agreed" },
    information_requested: { nl: "Er is om informatie gevraagd", en: "Information was requested" },
    information_answered: { nl: "Een informatieverzoek is beantwoord", en: "An information request was answered" },
    finding_recorded: { nl: "Er is een bevinding vastgelegd", en: "A finding was recorded" },
    finding_agreed: { nl: "Een bevinding is gezamenlijk beoordeeld", en: "A finding was assessed jointly" },
    action_added: { nl: "Er is een actie afgesproken", en: "An action was agreed" },
    action_completed: { nl: "Een actie is uitgevoerd", en: "An action was carried out" },
    cost_recorded: { nl: "Er zijn auditkosten vastgelegd (art. 10.5)", en: "Audit costs were recorded (art. 10.5)" },
  } satisfies Record<AuditActivity, LocalizedText>,
  requestedKind: { nl: "Audit aangevraagd", en: "Audit requested" },
  refusedKind: { nl: "Auditverzoek geweigerd", en: "Audit request refused" },
  updateKind: { nl: "Nieuws over uw audit", en: "News about your audit" },
  activityKind: { nl: "Klant handelde in audit", en: "Customer acted in an audit" },
  informationDuty: (reference: string): LocalizedText => ({
    nl: `Informatieverzoek beantwoorden, audit ${reference} (art. 10.3)`,
    en: `Answer an information request, audit ${reference} (art. 10.3)`,
  }),
  actionDuty: (reference: string, description: string): LocalizedText => ({
    nl: `Actie uit audit ${reference}: ${description} (art. 10.4)`,
    en: `Action from audit ${reference}: ${description} (art. 10.4)`,
  }),
  costTitle: (reference: string) => `Audit ${reference} (art. 10.5)`,
  tooEarly: (earliest: LocalizedText): LocalizedText => ({
    nl: `ligt te vroeg: de audit vindt op zijn vroegst plaats op ${earliest.nl}, de 14e kalenderdag na de schriftelijke melding (art. 10.2)`,
    en: `is too early: the audit takes place at the earliest on ${earliest.en}, the 14th calendar day after the written notice (art. 10.2)`,
  }),
  refused: { nl: "Dit auditverzoek is geweigerd.", en: "This audit request was refused." },
  refusalTooLate: {
    nl: "Een verzoek kan alleen worden geweigerd zolang er geen deskundige of datum is overeengekomen.",
    en: "A request can only be refused while no expert or date has been agreed.",
  },
  refusalNeeded: {
    nl: "is verplicht: leg uit waarom er geen concreet vermoeden van misbruik is",
    en: "is required: explain why there is no concrete suspicion of misuse",
  },
  expertAgreedAlready: { nl: "De deskundige is al overeengekomen.", en: "The expert has already been agreed." },
  expertNotOpen: { nl: "Dit voorstel staat niet meer open.", en: "This proposal is no longer open." },
  ownProposal: {
    nl: "U kunt uw eigen voorstel niet aanvaarden: de andere partij aanvaardt het, of doet een ander voorstel.",
    en: "You cannot accept your own proposal: the other party accepts it, or proposes another.",
  },
  nameNeeded: { nl: "is verplicht: de naam van de deskundige", en: "is required: the expert's name" },
  firmNeeded: { nl: "is verplicht: het bureau van de deskundige", en: "is required: the expert's firm" },
  tooLong: (max: number): LocalizedText => ({ nl: `is te lang (hoogstens ${max} tekens)`, en: `is too long (at most ${max} characters)` }),
  undertakingNeeded: {
    nl: "is verplicht: de geheimhoudingsverklaring van de deskundige als één bestand (art. 10.1)",
    en: "is required: the expert's confidentiality undertaking as one file (art. 10.1)",
  },
  sendMultipart: { nl: "stuur een multipart/form-data-formulier", en: "send a multipart/form-data form" },
  unknownField: { nl: "is geen veld van dit formulier", en: "is not a field of this form" },
  noDateProposed: { nl: "Er is geen datum voorgesteld.", en: "No date has been proposed." },
  dateAgreedAlready: { nl: "De datum is al overeengekomen.", en: "The date has already been agreed." },
  otherDate: {
    nl: "is niet de voorgestelde datum: de datum is intussen gewijzigd; bekijk het nieuwe voorstel",
    en: "is not the proposed date: the date has changed meanwhile; see the new proposal",
  },
  questionNeeded: { nl: "is verplicht: wat wil u weten?", en: "is required: what do you want to know?" },
  answerNeeded: { nl: "is verplicht: het antwoord", en: "is required: the answer" },
  answeredAlready: { nl: "Dit informatieverzoek is al beantwoord.", en: "This information request has already been answered." },
  textNeeded: { nl: "is verplicht", en: "is required" },
  unknownFinding: { nl: "is geen bevinding van deze audit", en: "is not a finding of this audit" },
  agreedAlready: { nl: "Deze bevinding is al gezamenlijk beoordeeld.", en: "This finding has already been assessed jointly." },
  ownFinding: {
    nl: "De andere partij bevestigt de beoordeling van uw bevinding.",
    en: "The other party confirms the assessment of your finding.",
  },
  dueInPast: { nl: "ligt in het verleden: kies vandaag of later", en: "is in the past: choose today or later" },
  doneAlready: { nl: "Deze actie is al uitgevoerd.", en: "This action has already been carried out." },
  notYourAction: {
    nl: "Deze actie voert de andere partij uit.",
    en: "The other party carries out this action.",
  },
  amountPositive: { nl: "moet groter zijn dan nul", en: "must be more than zero" },
  expertAskedByStaff: {
    nl: "is voor de verwerker alleen 'expert': u legt het verzoek van de deskundige vast",
    en: "is only 'expert' for the processor: you record the expert's request",
  },
} as const;
