// The auth module's wording in Dutch and English: its API answers use these.
export const authWords = {
  noun: {
    token: { nl: "token", en: "token" },
  },
} as const;
