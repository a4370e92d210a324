// The controllers (customers) module's wording in Dutch and English: its API answers use these.
export const controllerWords = {
  noun: {
    customer: { nl: "klant", en: "customer" },
  },
} as const;
