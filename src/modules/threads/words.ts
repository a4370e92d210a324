import type { LocalizedText } from "../../domain/text.ts";

/** The threads' nl/en wording: uploads, messages, the attachment as a noun. */
export const threadWords = {
  noun: { attachment: { nl: "bijlage", en: "attachment" } },
  emptyFile: (fileName: string): LocalizedText => ({ nl: `bestand "${fileName}" is leeg`, en: `file "${fileName}" is empty` }),
  messageRequired: { nl: "is verplicht: schrijf een bericht", en: "is required: write a message" },
  messageTooLong: { nl: "is langer dan 20.000 tekens", en: "is longer than 20,000 characters" },
  filesField: { nl: 'bijlagen horen in het veld "files"', en: 'attachments belong in the field "files"' },
} satisfies Record<string, unknown>;
