import type { AuthorityKind, DisclosureDecision, GagKind } from "../../db/schema/index.ts";
import type { LocalizedText } from "../../domain/text.ts";

// The disclosures module's wording in Dutch and English (art. 9.2: orders of an authority to disclose
// data): its API answers, its notice kinds' labels, the duties' titles and the transparency report.
export const disclosureWords = {
  noun: {
    order: { nl: "verstrekkingsbevel", en: "disclosure order" },
    statement: { nl: "melding van een verstrekkingsplicht", en: "statement of a duty to disclose" },
    customer: { nl: "klant", en: "customer" },
  },
  reference: (n: number) => `VB-${String(n).padStart(4, "0")}`,
  notifyDuty: (reference: string): LocalizedText => ({
    nl: `Klant informeren over verstrekkingsbevel ${reference} (art. 9.2)`,
    en: `Tell the customer of disclosure order ${reference} (art. 9.2)`,
  }),
  inFuture: { nl: "ligt in de toekomst", en: "is in the future" },
  beforeReceipt: { nl: "ligt vóór de ontvangst van het bevel", en: "is before the order was received" },
  gagUntilNeeded: { nl: "is verplicht bij een zwijgplicht tot een datum", en: "is required for a gag order until a date" },
  gagUntilNotAllowed: { nl: "hoort alleen bij een zwijgplicht tot een datum", en: "belongs only with a gag order until a date" },
  unknownCustomer: { nl: "is geen bekende klant", en: "is not a known customer" },
  duplicateCustomer: { nl: "staat dubbel in de lijst", en: "is in the list twice" },
  notConcerned: { nl: "is geen klant waarop dit bevel betrekking heeft", en: "is not a customer this order concerns" },
  reasoningNeeded: { nl: "is verplicht: leg het besluit uit", en: "is required: explain the decision" },
  disclosedNeedsCompliance: {
    nl: "Er kan pas iets verstrekt zijn na een besluit om (gedeeltelijk) te voldoen.",
    en: "Something can only have been disclosed after a decision to comply (in part).",
  },
  gagActive: {
    nl: "Er geldt een zwijgplicht: de klant mag nog niet worden geïnformeerd. Leg eerst vast dat de zwijgplicht is opgeheven.",
    en: "A gag order applies: the customer may not be told yet. Record first that the gag order was lifted.",
  },
  noGagToChange: { nl: "Er geldt geen zwijgplicht die kan worden gewijzigd.", en: "There is no gag order in force to change." },
  noGagToLift: { nl: "Er geldt geen zwijgplicht die kan worden opgeheven.", en: "There is no gag order in force to lift." },
  nothingToNotify: { nl: "Alle betrokken klanten zijn al geïnformeerd.", en: "Every concerned customer has already been told." },
  noticeKind: { nl: "Verstrekkingsbevel van een overheidsinstantie", en: "Disclosure order from an authority" },
  statementKind: { nl: "Klant meldt een plicht tot verstrekking", en: "Customer states a duty to disclose" },
  authorityKinds: {
    police: { nl: "Politie", en: "Police" },
    prosecutor: { nl: "Openbaar Ministerie", en: "Public prosecutor" },
    court: { nl: "Rechter", en: "Court" },
    tax: { nl: "Belastingdienst", en: "Tax authority" },
    regulator: { nl: "Toezichthouder", en: "Regulator" },
    intelligence: { nl: "Inlichtingendienst", en: "Intelligence service" },
    other: { nl: "Andere instantie", en: "Other authority" },
  } satisfies Record<AuthorityKind, LocalizedText>,
  decisions: {
    pending: { nl: "Nog geen besluit", en: "Not yet decided" },
    comply: { nl: "Voldaan", en: "Complied" },
    comply_in_part: { nl: "Gedeeltelijk voldaan", en: "Complied in part" },
    contest: { nl: "Betwist", en: "Contested" },
  } satisfies Record<DisclosureDecision, LocalizedText>,
  gags: {
    none: { nl: "Geen zwijgplicht", en: "No gag order" },
    until_date: { nl: "Zwijgplicht tot een datum", en: "Gag order until a date" },
    until_lifted: { nl: "Zwijgplicht tot opheffing", en: "Gag order until lifted" },
  } satisfies Record<GagKind, LocalizedText>,
} as const;
