// The evidence event types of the audits module (art. 10), declared to the core's event log
// (db/schema/events.ts). Each goes to the customer's stream. An audit is confidential (art. 9.1)
// and a customer's viewers read that stream: the events name the act, its parties, dates, sums and
// the SHA-256 of what was written (the reason, a finding, an answer, a file), never the text itself.

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** The customer asked for an audit on a written suspicion of misuse (art. 10.2); the earliest date is set. */
    "audit.requested": true;
    /** The processor refused the request: no concrete suspicion of misuse (art. 10.2), with its reasoning. */
    "audit.refused": true;
    /** One side proposed an expert, with the SHA-256 of the confidentiality undertaking (art. 10.1). */
    "audit.expert_proposed": true;
    /** The other side accepted the proposed expert: the agreed expert (art. 10.1). */
    "audit.expert_agreed": true;
    /** One side proposed the audit's date, not before the earliest (art. 10.2). */
    "audit.date_proposed": true;
    /** The other side accepted the proposed date. */
    "audit.date_agreed": true;
    /** The customer or the expert asked for information; the processor's 14-day duty opened (art. 10.3). */
    "audit.information_requested": true;
    /** The processor answered an information request, with attachments, in time or late (art. 10.3). */
    "audit.information_answered": true;
    /** A finding was recorded with its assessment (art. 10.4). */
    "audit.finding_recorded": true;
    /** The other side agreed to a finding's assessment: assessed jointly (art. 10.4). */
    "audit.finding_agreed": true;
    /** An action on a finding: who carries it out, its owner and due date (art. 10.4). */
    "audit.action_added": true;
    /** An action was carried out, in time or late. */
    "audit.action_completed": true;
    /** A cost of the audit was recorded, borne by the customer (art. 10.5). */
    "audit.cost_recorded": true;
  }
}

/** Each event type in words (src/event-labels.ts checks that every type has one). */
export const auditEventLabels = {
  "audit.requested": { nl: "Audit aangevraagd", en: "Audit requested" },
  "audit.refused": { nl: "Auditverzoek geweigerd", en: "Audit request refused" },
  "audit.expert_proposed": { nl: "Deskundige voorgesteld", en: "Expert proposed" },
  "audit.expert_agreed": { nl: "Deskundige overeengekomen", en: "Expert agreed" },
  "audit.date_proposed": { nl: "Auditdatum voorgesteld", en: "Audit date proposed" },
  "audit.date_agreed": { nl: "Auditdatum overeengekomen", en: "Audit date agreed" },
  "audit.information_requested": { nl: "Informatie gevraagd (audit)", en: "Information requested (audit)" },
  "audit.information_answered": { nl: "Informatieverzoek beantwoord (audit)", en: "Information request answered (audit)" },
  "audit.finding_recorded": { nl: "Auditbevinding vastgelegd", en: "Audit finding recorded" },
  "audit.finding_agreed": { nl: "Auditbevinding gezamenlijk beoordeeld", en: "Audit finding assessed jointly" },
  "audit.action_added": { nl: "Actie uit audit afgesproken", en: "Audit action agreed" },
  "audit.action_completed": { nl: "Actie uit audit uitgevoerd", en: "Audit action carried out" },
  "audit.cost_recorded": { nl: "Auditkosten vastgelegd", en: "Audit costs recorded" },
} as const;
