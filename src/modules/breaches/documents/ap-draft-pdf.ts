/**
 * The customer's draft notification to the Autoriteit Persoonsgegevens (domain/ap-draft.ts) as PDF:
 * its 72-hour deadline first, then the sections of the AP's form, with what the controller must
 * answer itself marked on the page. Layout: ap-draft.typ.
 */
import type { ApDraft } from "../../../domain/ap-draft.ts";
import { breachWords } from "../words.ts";
import { renderTypstPdf } from "./typst.ts";

const WORDS = { ...breachWords.apDraft, page: breachWords.page, of: breachWords.of };

/** The draft as PDF; deterministic: the same draft gives the same bytes. */
export function renderApDraftPdf(draft: ApDraft): Uint8Array {
  const w = (key: keyof typeof WORDS): string => WORDS[key][draft.locale];
  const deadline = draft.sections.flatMap((s) => s.fields).find((f) => f.key === "deadline");
  return renderTypstPdf("ap-draft", {
    locale: draft.locale,
    title: draft.title,
    author: draft.processorName,
    status: w("status"),
    subtitle: `${draft.reference}: ${draft.incidentTitle}`,
    disclaimer: draft.disclaimer,
    deadline: { label: w("deadline"), value: deadline?.text ?? "", text: draft.deadlineText, started: draft.deadline !== null },
    basedOn: draft.basedOnText,
    legend: { answer: w("toAnswer"), answerText: w("legendAnswer"), unknown: w("legendUnknown") },
    sections: draft.sections.map((section, i) => ({
      title: `${i + 1}. ${section.title}`,
      fields: section.fields.map((f) => ({
        label: f.label,
        text: f.text,
        unknown: f.unknown === true,
        toAnswer: f.toAnswer === true,
        hint: f.hint ?? null,
      })),
    })),
    footer: `${w("footer")} · ${draft.reference} · ${w("status")}`,
    page: w("page"),
    of: w("of"),
  });
}
