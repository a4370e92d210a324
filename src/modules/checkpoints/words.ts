// The checkpoints module's words (nl/en).
export const checkpointWords = {
  noKey: {
    nl: "Er is geen sleutel om controlepunten te ondertekenen (ART28_CHECKPOINT_KEY of de datamap).",
    en: "There is no key to sign checkpoints with (ART28_CHECKPOINT_KEY or the data folder).",
  },
  feedTitle: { nl: "Controlepunten van het bewijslogboek", en: "Checkpoints of the evidence log" },
  feedSubtitle: {
    nl: "Ondertekende wortels van de Merkle-boom over de ketens van alle klanten (RFC 6962), elk met het nummer, de grootte en de vorige.",
    en: "Signed roots of the Merkle tree over every customer's chain (RFC 6962), each with its number, size and predecessor.",
  },
  entry: { nl: "Controlepunt", en: "Checkpoint" },
} as const;
