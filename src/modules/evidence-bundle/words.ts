// The evidence module's words (nl/en).
export const evidenceWords = {
  noun: { controller: { nl: "Klant", en: "Customer" } },
  bundleFile: { nl: "bewijsbundel", en: "evidence-bundle" },
} as const;
