// The evidence event types of the cases module, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A customer asked (art. 2.4 and the kinds after it), with its request. */
    "case.opened": true;
    /** A message in a case's thread, with its attachments' hashes. */
    "case.message_posted": true;
    /** The processor's estimate of the costs (art. 2.4). */
    "case.estimate_proposed": true;
    /** The customer accepted the estimate: who, when, its figures. */
    "case.estimate_accepted": true;
    /** The customer declined it: the case ends without billable work. */
    "case.estimate_declined": true;
    /** Time or a cost logged against a case. */
    "case.entry_logged": true;
    /** An entry voided (not yet billed: removed from billing; billed: with a credit line). */
    "case.entry_voided": true;
    /** A case ended with its outcome, deliverable and final costs. */
    "case.closed": true;
    /** A question about the measures (art. 2.2) answered with the measures report: its SHA-256 and Annex 2 version. */
    "case.measures_answered": true;
    /** A written instruction (art. 1.2) accepted: the purpose it added and the Annex 1 version that holds it. */
    "case.instruction_accepted": true;
    /** The processor warned that an instruction would infringe the GDPR or other law (GDPR 28(3)), with its reasoning. */
    "case.instruction_warning": true;
    /** Billable items exported to the billing system, once. */
    "billing.exported": true;
    /** A credit line for an item voided after its export. */
    "billing.credit_written": true;
  }
}

/** Each event type in words (src/event-labels.ts checks that every type has one). */
export const caseEventLabels = {
  "case.opened": { nl: "Verzoek ingediend", en: "Request submitted" },
  "case.message_posted": { nl: "Bericht bij een verzoek", en: "Message on a request" },
  "case.estimate_proposed": { nl: "Kostenraming uitgebracht", en: "Cost estimate proposed" },
  "case.estimate_accepted": { nl: "Kostenraming aanvaard", en: "Cost estimate accepted" },
  "case.estimate_declined": { nl: "Kostenraming afgewezen", en: "Cost estimate declined" },
  "case.entry_logged": { nl: "Tijd of kosten geregistreerd", en: "Time or cost logged" },
  "case.entry_voided": { nl: "Registratie vervallen", en: "Entry voided" },
  "case.closed": { nl: "Verzoek afgerond", en: "Request closed" },
  "case.measures_answered": { nl: "Maatregelenrapport verstrekt", en: "Measures report provided" },
  "case.instruction_accepted": { nl: "Schriftelijke instructie aanvaard", en: "Written instruction accepted" },
  "case.instruction_warning": { nl: "Gewaarschuwd: instructie in strijd met de wet", en: "Warned: instruction would infringe the law" },
  "billing.exported": { nl: "Declarabele posten geëxporteerd", en: "Billable items exported" },
  "billing.credit_written": { nl: "Creditregel aangemaakt", en: "Credit line written" },
} as const;
