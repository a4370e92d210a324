import type { LocalizedText } from "../domain/text.ts";

// The HTTP core's wording in Dutch and English: who may call, what went wrong with a request.
// A module's own wording lives in its words.ts.
export const httpWords = {
  signIn: { nl: "log in of stuur een API-token mee (Authorization: Bearer …)", en: "log in or send an API token (Authorization: Bearer …)" },
  roleNotAllowed: { nl: "uw rol staat dit niet toe", en: "your role does not allow this" },
  customersOnly: { nl: "alleen gebruikers van de klant zelf kunnen dit", en: "only the customer's own users can do this" },
  staffOnly: { nl: "alleen medewerkers van de verwerker kunnen dit", en: "only the processor's staff can do this" },
  notFound: (thing: LocalizedText): LocalizedText => ({ nl: `${thing.nl} niet gevonden`, en: `${thing.en} not found` }),
  required: { nl: "is verplicht", en: "is required" },
  badCursor: {
    nl: "is geen cursor die deze lijst gaf (gebruik `next` van de vorige pagina)",
    en: "is not a cursor this list gave (use `next` of the page before)",
  },
  unknownField: { nl: "is geen bekend veld", en: "is not a known field" },
  rateLimited: { nl: "te veel pogingen; wacht een minuut en probeer het opnieuw", en: "too many attempts; wait a minute and try again" },
  stepUpRequired: {
    nl: "bevestig eerst uw identiteit met uw wachtwoord (POST /auth/step-up)",
    en: "confirm your identity with your password first (POST /auth/step-up)",
  },
  needsBrowserSession: {
    nl: "aanmelden, afmelden en single sign-on gaan met de sessie van de browser: stuur geen Authorization-header mee",
    en: "logging in, logging out and single sign-on use the browser's session: send no Authorization header",
  },
  stepUpNeedsSession: {
    nl: "dit kan alleen in een ingelogde sessie, niet met een API-token",
    en: "this can only be done in a logged-in session, not with an API token",
  },
  confidentialityRequired: {
    nl: "bevestig eerst de geheimhoudingsverklaring (GET /confidentiality-statement) voordat u gegevens van klanten ziet",
    en: "confirm the confidentiality statement first (GET /confidentiality-statement) before you see any customer's data",
  },
  csrf: { nl: "CSRF-token ontbreekt of is ongeldig (header x-csrf-token)", en: "missing or invalid CSRF token (header x-csrf-token)" },
  controlCharacters: { nl: "bevat stuurtekens (zoals NUL) die hier niet mogen", en: "contains control characters (such as NUL) that are not allowed here" },
  malformedMultipart: { nl: "is geen geldig multipart/form-data-bericht", en: "is not a valid multipart/form-data body" },
  mediaTypeNotAccepted: (types: string): LocalizedText => ({ nl: `dit verzoek neemt alleen ${types}`, en: `this request takes only ${types}` }),
  internal: { nl: "interne fout; noem het request-id aan support", en: "internal error; quote the request id to support" },
} as const satisfies Record<string, LocalizedText | ((...args: never[]) => LocalizedText)>;
