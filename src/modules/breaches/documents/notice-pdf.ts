/**
 * One breach notice as sent to one customer, as PDF (issue 4 point 7: "a PDF of it"): what the
 * email said, on paper the customer can file with its own breach record. The facts' texts come from
 * describeFacts, so the PDF, the email and the AP draft say the same thing. Layout: notice.typ.
 */
import { describeFacts, type Locale } from "../../../domain/breach-facts-text.ts";
import { formatInstant } from "../../../domain/legal-time.ts";
import type { BreachNotice } from "../../../domain/breach-notice.ts";
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

const WORDS = {
  heading: { nl: "Melding datalek", en: "Data breach notification" },
  reference: { nl: "Kenmerk", en: "Reference" },
  from: { nl: "Van (verwerker)", en: "From (processor)" },
  to: { nl: "Aan (verwerkingsverantwoordelijke)", en: "To (controller)" },
  sentAt: { nl: "Verzonden op", en: "Sent on" },
  due: { nl: "Meldtermijn (art. 6.1)", en: "Notification deadline (art. 6.1)" },
  nature: { nl: "Aard van de inbreuk", en: "Nature of the breach" },
  affectedCustomers: { nl: "Getroffen klanten (u inbegrepen)", en: "Customers affected (you included)" },
  message: { nl: "Toelichting bij deze melding", en: "About this notification" },
  facts: { nl: "Gegevens van het datalek (art. 6.2)", en: "Details of the data breach (art. 6.2)" },
  changed: { nl: "gewijzigd", en: "changed" },
  history: { nl: "Meldingen over dit datalek", en: "Notifications about this data breach" },
  number: { nl: "Nr.", en: "No." },
  kind: { nl: "Soort melding", en: "Type of notification" },
  thisOne: { nl: "(deze melding)", en: "(this notification)" },
  duty: { nl: "Uw eigen meldplicht (art. 33 AVG)", en: "Your own duty to notify (art. 33 GDPR)" },
  page: { nl: "Pagina", en: "Page" },
  of: { nl: "van", en: "of" },
  none: { nl: "—", en: "—" },
} as const;

const NATURE = {
  confidentiality: { nl: "vertrouwelijkheid", en: "confidentiality" },
  integrity: { nl: "integriteit", en: "integrity" },
  availability: { nl: "beschikbaarheid", en: "availability" },
} as const;

/** As the email names them: "Eerste melding", "Aanvulling 2", "Afsluitende melding". */
function stageName(stage: Stage, sequence: number, locale: Locale): string {
  switch (stage) {
    case "initial":
      return locale === "nl" ? "Eerste melding" : "First notification";
    case "follow_up":
      return locale === "nl" ? `Aanvulling ${sequence - 1}` : `Update ${sequence - 1}`;
    case "final":
      return locale === "nl" ? "Afsluitende melding" : "Final notification";
    default: {
      const unknown: never = stage;
      throw new RangeError(`unknown notice stage: ${String(unknown)}`);
    }
  }
}

function intro(stage: Stage, locale: Locale): string {
  const nl = {
    initial:
      "Hierbij informeren wij u als Verwerkingsverantwoordelijke, overeenkomstig art. 6.1 van de verwerkersovereenkomst, over een datalek: een inbreuk op de beveiliging van persoonsgegevens die wij als Verwerker voor u verwerken. Hieronder vindt u de gegevens van art. 6.2, voor zover die ons bij het verzenden bekend waren. Wat nog onbekend is, staat als zodanig vermeld.",
    follow_up:
      "Hierbij vullen wij onze eerdere melding over dit datalek aan (art. 6 van de verwerkersovereenkomst). Zoals art. 33 lid 4 AVG toestaat, verstrekken wij de informatie in stappen. Hieronder staan opnieuw alle gegevens van art. 6.2, zoals die bij het verzenden bij ons bekend waren.",
    final:
      "Hierbij sturen wij u de afsluitende melding over dit datalek (art. 6 van de verwerkersovereenkomst). Wij hebben het incident afgesloten. Hieronder staan de gegevens van art. 6.2 zoals die bij de afsluiting bij ons bekend waren.",
  };
  const en = {
    initial:
      "In accordance with art. 6.1 of the data processing agreement, we hereby inform you, as the controller, of a data breach: a breach of the security of personal data that we process as the processor on your behalf. Below you will find the information required by art. 6.2, as far as it was known to us when this notification was sent. What is not yet known is stated as such.",
    follow_up:
      "We hereby update our earlier notification of this data breach (art. 6 of the data processing agreement). As art. 33(4) GDPR allows, we provide the information in phases. Below, all the information required by art. 6.2 is given again, as it was known to us when this notification was sent.",
    final:
      "We hereby send you the final notification of this data breach (art. 6 of the data processing agreement). We have closed the incident. Below is the information required by art. 6.2 as known to us when the incident was closed.",
  };
  return (locale === "nl" ? nl : en)[stage];
}

function duty(locale: Locale): string {
  return locale === "nl"
    ? "U beoordeelt als Verwerkingsverantwoordelijke zelf of u dit datalek meldt aan de Autoriteit Persoonsgegevens en/of aan de betrokkenen (art. 6.1 en 6.3 van de verwerkersovereenkomst). Moet u het melden, dan doet u dat zonder onredelijke vertraging en zo mogelijk binnen 72 uur nadat u van het datalek op de hoogte bent geraakt. Onze melding aan u vervangt uw melding aan de Autoriteit Persoonsgegevens niet. In de portal vindt u een vooraf ingevuld concept van uw melding aan de AP."
    : "As the controller, you assess yourself whether to notify this data breach to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens) and/or to the data subjects (art. 6.1 and 6.3 of the data processing agreement). If you must notify it, you do so without undue delay and, where feasible, within 72 hours of becoming aware of the data breach. Our notification to you does not replace your notification to the Autoriteit Persoonsgegevens. In the portal you will find a prefilled draft of your notification to the AP.";
}

/** The notice as notice.typ reads it: every text already in the reader's language. */
function noticeView(input: BreachNoticePdfInput): unknown {
  const { locale, zone, data } = input;
  const w = <K extends keyof typeof WORDS>(key: K): string => WORDS[key][locale];
  const instant = (date: Date): string => formatInstant(date, zone, locale);
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  const facts = describeFacts(data.facts, zone, locale, data.changed);
  const nature = (Object.keys(NATURE) as (keyof typeof NATURE)[]).filter((key) => data.nature[key]).map((key) => NATURE[key][locale]);
  const due = new Date(data.dueAt);

  let dueText = `${instant(due)} (${locale === "nl" ? "48 uur na ontdekking" : "48 hours after discovery"})`;
  if (data.stage === "initial") {
    const inTime = input.sentAt.getTime() <= due.getTime();
    dueText +=
      locale === "nl"
        ? `; deze melding is ${inTime ? "binnen" : "na"} de termijn verzonden`
        : `; this notification was sent ${inTime ? "within" : "after"} the deadline`;
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
    changes = `${locale === "nl" ? "Gewijzigd sinds onze vorige melding" : "Changed since our previous notification"}: ${list.format(labels)}.`;
  } else if (data.stage !== "initial") {
    changes =
      locale === "nl"
        ? "De gegevens van art. 6.2 zijn sinds onze vorige melding niet gewijzigd."
        : "The information required by art. 6.2 has not changed since our previous notification.";
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
    stage: `${stage} · ${locale === "nl" ? "melding nr." : "notification no."} ${data.sequence}`,
    intro: intro(data.stage, locale),
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
    duty: { heading: w("duty"), text: duty(locale) },
    footer: `${w("heading")} ${data.reference} · ${stage} · ${input.processor.name} → ${input.controller.name}`,
    page: w("page"),
    of: w("of"),
  };
}

/** The notice as PDF; deterministic: the same notice gives the same bytes. */
export function renderBreachNoticePdf(input: BreachNoticePdfInput): Uint8Array {
  return renderTypstPdf("notice", noticeView(input));
}
