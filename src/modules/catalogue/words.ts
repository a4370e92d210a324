// The catalogue module's wording in Dutch and English: its API answers use these.
export const catalogueWords = {
  noun: {
    service: { nl: "dienst", en: "service" },
  },
} as const;
