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
  unknownField: { nl: "is geen bekend veld", en: "is not a known field" },
  rateLimited: { nl: "te veel pogingen; wacht een minuut en probeer het opnieuw", en: "too many attempts; wait a minute and try again" },
  csrf: { nl: "CSRF-token ontbreekt of is ongeldig (header x-csrf-token)", en: "missing or invalid CSRF token (header x-csrf-token)" },
  internal: { nl: "interne fout; noem het request-id aan support", en: "internal error; quote the request id to support" },
} as const satisfies Record<string, LocalizedText | ((...args: never[]) => LocalizedText)>;
