/**
 * One breach notice as sent to one customer, as PDF (issue 4 point 7: "a PDF of it"): what the
 * email said, on paper the customer can file with its own breach record. The facts' texts come from
 * describeFacts, so the PDF, the email and the AP draft say the same thing. Layout: notice.typ.
 */
import { describeFacts, type Locale } from "../../../domain/breach-facts-text.ts";
import { formatInstant } from "../../../domain/legal-time.ts";
import type { BreachNotice } from "../../../domain/breach-notice.ts";
import type { LocalizedText } from "../../../domain/text.ts";
import { breachWords } from "../words.ts";
import { renderTypstPdf } from "./typst.ts";

export interface BreachNoticePdfInput {
  locale: Locale;
  zone: string;
  processor: { name: string; email: string | null };
  controller: { name: string };
  data: BreachNotice;
  sentAt: Date;
  /** This customer's notices about the breach, for the history table; later ones than this are left out. */
  history?: { sequence: number; stage: BreachNotice["stage"]; sentAt: Date }[];
}

type Stage = BreachNotice["stage"];

const WORDS = { ...breachWords.notice, page: breachWords.page, of: breachWords.of };
const NATURE = breachWords.notice.natureOf;

/** The entries of WORDS that are one text (not a function or a group). */
type Word = { [K in keyof typeof WORDS]: (typeof WORDS)[K] extends LocalizedText ? K : never }[keyof typeof WORDS];

/** As the email names them: "Eerste melding", "Aanvulling 2", "Afsluitende melding". */
function stageName(stage: Stage, sequence: number, locale: Locale): string {
  switch (stage) {
    case "initial":
      return WORDS.initialStage[locale];
    case "follow_up":
      return WORDS.followUpStage(sequence)[locale];
    case "final":
      return WORDS.finalStage[locale];
    default: {
      const unknown: never = stage;
      throw new RangeError(`unknown notice stage: ${String(unknown)}`);
    }
  }
}

/** The notice as notice.typ reads it: every text already in the reader's language. */
function noticeView(input: BreachNoticePdfInput): unknown {
  const { locale, zone, data } = input;
  const w = (key: Word): string => WORDS[key][locale];
  const instant = (date: Date): string => formatInstant(date, zone, locale);
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  const facts = describeFacts(data.facts, zone, locale, data.changed);
  const nature = (Object.keys(NATURE) as (keyof typeof NATURE)[]).filter((key) => data.nature[key]).map((key) => NATURE[key][locale]);
  const due = new Date(data.dueAt);

  let dueText = `${instant(due)} (${WORDS.dueAfterDiscovery[locale]})`;
  if (data.stage === "initial") {
    const inTime = input.sentAt.getTime() <= due.getTime();
    dueText += (inTime ? WORDS.sentWithin : WORDS.sentAfter)[locale];
  }

  const meta: [string, string][] = [
    [w("reference"), data.reference],
    [w("from"), input.processor.email === null ? input.processor.name : `${input.processor.name} (${input.processor.email})`],
    [w("to"), input.controller.name],
    [w("sentAt"), instant(input.sentAt)],
    [w("due"), dueText],
    [w("nature"), nature.length === 0 ? w("none") : list.format(nature)],
  ];
  if (data.affectedCustomers !== null) {
    meta.push([w("affectedCustomers"), new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB").format(data.affectedCustomers)]);
  }

  let changes: string | null = null;
  if (data.changed.length > 0) {
    const labels = facts.filter((row) => row.changed).map((row) => row.label);
    changes = WORDS.changedSince(list.format(labels))[locale];
  } else if (data.stage !== "initial") {
    changes = WORDS.unchangedSince[locale];
  }

  // As sent: the notices up to this one, not those that came after it.
  const history = (input.history ?? []).filter((h) => h.sequence <= data.sequence).sort((a, b) => a.sequence - b.sequence);
  const stage = stageName(data.stage, data.sequence, locale);
  return {
    locale,
    title: `${w("heading")} ${data.reference}: ${data.title}`,
    author: input.processor.name,
    heading: w("heading"),
    reference: data.reference,
    incidentTitle: data.title,
    stage: `${stage} · ${WORDS.numbered(data.sequence)[locale]}`,
    intro: WORDS.intro[data.stage][locale],
    meta,
    message: data.message === null || data.message.trim() === "" ? null : { heading: w("message"), text: data.message },
    changes,
    factsHeading: w("facts"),
    facts: facts.map((row) => ({ label: row.label, text: row.text, unknown: row.unknown, changed: row.changed })),
    changedWord: w("changed"),
    history:
      history.length === 0
        ? null
        : {
            heading: w("history"),
            columns: [w("number"), w("kind"), w("sentAt")],
            rows: history.map((h) => ({
              cells: [String(h.sequence), stageName(h.stage, h.sequence, locale), instant(h.sentAt)],
              current: h.sequence === data.sequence,
            })),
            thisOne: w("thisOne"),
          },
    duty: { heading: w("duty"), text: WORDS.dutyText[locale] },
    footer: `${w("heading")} ${data.reference} · ${stage} · ${input.processor.name} → ${input.controller.name}`,
    page: w("page"),
    of: w("of"),
  };
}

/** The notice as PDF; deterministic: the same notice gives the same bytes. */
export function renderBreachNoticePdf(input: BreachNoticePdfInput): Uint8Array {
  return renderTypstPdf("notice", noticeView(input));
}
