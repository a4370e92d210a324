import type { LocalizedText } from "../../domain/text.ts";
import type { SubjectRequestOutcome, SubjectRequestSource, SubjectRight } from "../../db/schema/index.ts";

// The wording of data subjects' requests (art. 8.1) in Dutch and English: API answers, the public
// form's refusals, duties, notices' labels.
export const subjectRequestWords = {
  noun: {
    request: { nl: "verzoek van een betrokkene", en: "data subject request" },
    file: { nl: "bestand", en: "file" },
    customer: { nl: "klant", en: "customer" },
  },
  right: {
    access: { nl: "Inzage (art. 15 AVG)", en: "Access (GDPR art. 15)" },
    rectification: { nl: "Rectificatie (art. 16 AVG)", en: "Rectification (GDPR art. 16)" },
    erasure: { nl: "Wissen (art. 17 AVG)", en: "Erasure (GDPR art. 17)" },
    restriction: { nl: "Beperking van de verwerking (art. 18 AVG)", en: "Restriction of processing (GDPR art. 18)" },
    portability: { nl: "Overdraagbaarheid (art. 20 AVG)", en: "Data portability (GDPR art. 20)" },
    objection: { nl: "Bezwaar (art. 21 AVG)", en: "Objection (GDPR art. 21)" },
    automated_decisions: { nl: "Geautomatiseerde besluiten (art. 22 AVG)", en: "Automated decisions (GDPR art. 22)" },
  } satisfies Record<SubjectRight, LocalizedText>,
  source: {
    web_form: { nl: "Formulier op de website", en: "Form on the website" },
    email: { nl: "E-mail", en: "E-mail" },
    letter: { nl: "Brief", en: "Letter" },
    phone: { nl: "Telefoon", en: "Phone" },
    other: { nl: "Anders", en: "Other" },
  } satisfies Record<SubjectRequestSource, LocalizedText>,
  outcome: {
    handled: { nl: "Door ons afgehandeld", en: "Handled by us" },
    not_ours: { nl: "Niet van ons", en: "Not ours" },
    forwarded_elsewhere: { nl: "Doorgestuurd naar de juiste organisatie", en: "Forwarded to the right organisation" },
  } satisfies Record<SubjectRequestOutcome, LocalizedText>,
  noticeKind: {
    confirmation: { nl: "Bevestig uw verzoek", en: "Confirm your request" },
    received: { nl: "Nieuw verzoek van een betrokkene", en: "New data subject request" },
    forwarded: { nl: "Verzoek van een betrokkene doorgestuurd", en: "Data subject request forwarded" },
    requesterTold: { nl: "Uw verzoek is doorgestuurd", en: "Your request was forwarded" },
    notOurs: { nl: "Uw verzoek betreft geen klant van ons", en: "Your request concerns none of our customers" },
  },
  forwardDuty: (reference: string): LocalizedText => ({
    nl: `Verzoek van een betrokkene ${reference} doorsturen naar de klant (art. 8.1)`,
    en: `Forward data subject request ${reference} to the customer (art. 8.1)`,
  }),
  required: { nl: "is verplicht", en: "is required" },
  emailOrPhone: { nl: "vul een e-mailadres of telefoonnummer in", en: "give an e-mail address or a phone number" },
  honeypot: {
    nl: "is ingevuld, maar dat veld is niet voor mensen bedoeld: laat het leeg en verstuur opnieuw",
    en: "is filled in, but that field is not meant for people: leave it empty and send again",
  },
  tooFast: {
    nl: "het formulier is binnen enkele seconden verstuurd; lees het na en verstuur het opnieuw",
    en: "the form was sent within seconds of opening it; check it and send it again",
  },
  ticketInvalid: {
    nl: "het formulier is verlopen of al gebruikt; laad de pagina opnieuw",
    en: "the form has expired or was already used; reload the page",
  },
  networkFlood: {
    nl: "er komen nu te veel verzoeken van uw netwerk binnen; probeer het over een uur opnieuw",
    en: "too many requests are coming from your network right now; try again in an hour",
  },
  linkInvalid: {
    nl: "deze bevestigingslink is verlopen, al gebruikt of onbekend",
    en: "this confirmation link has expired, was already used, or is unknown",
  },
  notReceived: { nl: "het verzoek wacht niet (meer) op doorsturen", en: "the request is not (or no longer) waiting to be forwarded" },
  notForwarded: { nl: "het verzoek is niet aan u doorgestuurd of al afgerond", en: "the request was not forwarded to you or has ended" },
  erased: { nl: "de inhoud van dit verzoek is gewist (bewaartermijn verstreken)", en: "this request's content has been erased (retention period passed)" },
  unknownCustomer: { nl: "is geen klant", en: "is not a customer" },
} as const;
