// The imports module's wording in Dutch and English: its answers about a file's rows use these.
export const importWords = {
  notUtf8: {
    nl: "is geen geldige UTF-8-tekst: sla het bestand op als UTF-8 (CSV UTF-8) en probeer het opnieuw",
    en: "is not valid UTF-8 text: save the file as UTF-8 (CSV UTF-8) and try again",
  },
  controlCharacter: (code: string) => ({
    nl: `bevat een stuurteken (${code}), dat in geen enkel veld is toegestaan`,
    en: `contains a control character (${code}), which no field may hold`,
  }),
  tooLong: (limit: number) => ({ nl: `is langer dan ${limit} tekens`, en: `is longer than ${limit} characters` }),
  required: { nl: "is verplicht", en: "is required" },
  tooShort: (limit: number) => ({ nl: `moet minstens ${limit} tekens hebben`, en: `must have at least ${limit} characters` }),
  tooLarge: (limit: number) => ({ nl: `is groter dan het maximum (${limit})`, en: `is larger than the maximum (${limit})` }),
  tooSmall: (limit: number) => ({ nl: `is kleiner dan het minimum (${limit})`, en: `is smaller than the minimum (${limit})` }),
  tooMany: (limit: number) => ({ nl: `heeft meer dan ${limit} regels`, en: `has more than ${limit} rows` }),
  controlOrFormat: { nl: "bevat een stuurteken of heeft niet de juiste vorm", en: "holds a control character or is not in the expected form" },
  invalid: (detail: string) => ({ nl: `is ongeldig (${detail})`, en: `is invalid (${detail})` }),
} as const;
