import type { LocalizedText } from "../../domain/text.ts";
import type { AccessWhy, StaffRole } from "../../db/schema/index.ts";
import type { PersonalDataView } from "../../http/personal-data.ts";

// The access module's wording in Dutch and English (art. 2.3, 9.1: the confidentiality statement,
// need-to-know, break glass and the customer's access log): its API answers, its notice kind's
// label and the access log's CSV.
export const accessWords = {
  noun: {
    customer: { nl: "klant", en: "customer" },
    statement: { nl: "geheimhoudingsverklaring", en: "confidentiality statement" },
  },
  noStatement: { nl: "er is nog geen geheimhoudingsverklaring gepubliceerd", en: "no confidentiality statement has been published yet" },
  notCurrentVersion: (current: number): LocalizedText => ({
    nl: `is niet de huidige versie (${current}); lees de huidige versie en bevestig die`,
    en: `is not the current version (${current}); read the current version and confirm that`,
  }),
  reasonTooShort: (min: number): LocalizedText => ({
    nl: `geef een reden van minstens ${min} tekens: de klant en de privacy officer lezen die`,
    en: `give a reason of at least ${min} characters: the customer and the privacy officer read it`,
  }),
  alreadyAssigned: {
    nl: "u bent al aan deze klant toegewezen; u hoeft het glas niet te breken",
    en: "you are already assigned to this customer; there is no glass to break",
  },
  textBlank: { nl: "mag niet leeg zijn", en: "must not be empty" },
  periodReversed: { nl: "ligt na het einde van de periode", en: "is after the end of the period" },
  noticeKind: {
    breakGlass: { nl: "Toegang buiten toewijzing (break glass)", en: "Access outside assignment (break glass)" },
  },
  what: {
    customer: { nl: "Klantgegevens en privacycontactpersoon", en: "Customer details and privacy contact" },
    contact: { nl: "Privacycontactpersoon", en: "Privacy contact" },
    users: { nl: "Gebruikers van de klant", en: "The customer's users" },
    case: { nl: "Verzoek en berichten", en: "Request and its messages" },
    objection: { nl: "Bezwaar en overleg", en: "Objection and consultation" },
    attachment: { nl: "Bijlage", en: "Attachment" },
    subject_request: { nl: "Verzoek van een betrokkene", en: "Data subject request" },
    subject_request_file: { nl: "Bestand bij een verzoek van een betrokkene", en: "File of a data subject request" },
    breach_facts: { nl: "Gegevens over een datalek bij u", en: "Facts of a data breach concerning you" },
    audit: { nl: "Audit", en: "Audit" },
    audit_file: { nl: "Bestand bij een audit", en: "File of an audit" },
  } satisfies Record<PersonalDataView, LocalizedText>,
  why: {
    role: { nl: "Rol: ziet alle klanten", en: "Role: sees all customers" },
    assignment: { nl: "Toegewezen aan deze klant", en: "Assigned to this customer" },
    break_glass: { nl: "Buiten toewijzing (break glass)", en: "Outside assignment (break glass)" },
  } satisfies Record<AccessWhy, LocalizedText>,
  role: {
    admin: { nl: "Beheerder", en: "Administrator" },
    privacy_officer: { nl: "Privacy officer", en: "Privacy officer" },
    security_officer: { nl: "Security officer", en: "Security officer" },
    support: { nl: "Support", en: "Support" },
    auditor: { nl: "Auditor", en: "Auditor" },
  } satisfies Record<StaffRole, LocalizedText>,
  csvColumns: {
    nl: ["tijdstip (UTC)", "klantnummer", "klant", "medewerker", "rol", "wat", "record", "waarom", "reden"],
    en: ["time (UTC)", "customer number", "customer", "staff member", "role", "what", "record", "why", "reason"],
  },
} as const;
