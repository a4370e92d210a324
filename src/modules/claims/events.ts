// The evidence event types of the claims module (art. 11), declared to the core's event log
// (db/schema/events.ts). Each goes to the customer's own stream: a notice of default and a claim are
// acts between the two parties.

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** Billing's fees for one or more months of a customer were imported into the fee ledger. */
    "fee_ledger.imported": true;
    /** The customer gave notice of default (art. 11.5), with when it learned of the failure and whether more than 48 hours lay between. */
    "default_notice.given": true;
    /** One party proposed a date by which the failure is to be cured (art. 11.5). */
    "default_notice.cure_proposed": true;
    /** The other party confirmed that date in writing: the processor's duty to cure runs to it. */
    "default_notice.cure_agreed": true;
    /** The processor recorded the failure cured. */
    "default_notice.cured": true;
    /** A claim for damages was recorded in the register, with its event, amounts, cap and lapse date. */
    "claim.recorded": true;
    /** The assessment of intent or deliberate recklessness (art. 11.4) was recorded. */
    "claim.assessed": true;
  }
}

/** Each event type in words (src/event-labels.ts checks that every type has one). */
export const claimEventLabels = {
  "fee_ledger.imported": { nl: "Vergoedingen geïmporteerd", en: "Fees imported" },
  "default_notice.given": { nl: "Ingebrekestelling gegeven", en: "Notice of default given" },
  "default_notice.cure_proposed": { nl: "Hersteltermijn voorgesteld", en: "Cure period proposed" },
  "default_notice.cure_agreed": { nl: "Hersteltermijn overeengekomen", en: "Cure period agreed" },
  "default_notice.cured": { nl: "Tekortkoming gezuiverd", en: "Failure cured" },
  "claim.recorded": { nl: "Schadeclaim geregistreerd", en: "Claim recorded" },
  "claim.assessed": { nl: "Opzet of bewuste roekeloosheid beoordeeld", en: "Intent or deliberate recklessness assessed" },
} as const;
