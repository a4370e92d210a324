import { boolean, index, integer, pgTable, primaryKey, serial, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { createdAt, id, instant } from "./columns.ts";
import { controllers } from "./controllers.ts";
import { obligations } from "./obligations.ts";

// art. 11: liability. The fee ledger the cap is computed from, the customer's notices of default
// (11.5) with their agreed cure date, and the claims register (11.1–11.4, 11.6). Confidential
// between the parties: the customer's rows under row-level security, and routes for the admin, the
// privacy officer and the customer's owner and privacy contact only.

/**
 * What a customer actually paid for the services under the agreement in one calendar month
 * ("YYYY-MM", the processor's zone), as billing reported it: the cap of art. 11.1 is read from here.
 * One amount per customer and month; an import of the same month replaces it.
 */
export const feeLedger = pgTable(
  "fee_ledger",
  {
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    month: text("month").notNull(),
    amountCents: integer("amount_cents").notNull(),
    description: text("description"),
    /** The import it came from (one id per import, CSV or API). */
    importId: uuid("import_id").notNull(),
    importedAt: instant("imported_at").notNull(),
    importedBy: text("imported_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.controllerId, t.month] })],
);

export const CURE_SIDES = ["customer", "processor"] as const;
/** Which party proposed or confirmed a cure date. */
export type CureSide = (typeof CURE_SIDES)[number];

/**
 * art. 11.5: the customer's written notice of default, with when it was given, when the customer
 * says it learned of the failure, and whether more than 48 elapsed hours lay between (a fact, not a
 * legal conclusion). The cure period is agreed in writing: one side proposes a date, the other
 * confirms it; the processor's duty to cure then runs to its end on the obligation engine.
 */
export const defaultNotices = pgTable(
  "default_notices",
  {
    id: id(),
    /** Shown as IG-0001 (ingebrekestelling). */
    number: serial("number").notNull().unique(),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    /** The failure, described as completely as the customer can. */
    description: text("description").notNull(),
    learnedAt: instant("learned_at").notNull(),
    givenAt: instant("given_at").notNull(),
    elapsedMinutes: integer("elapsed_minutes").notNull(),
    /** Given later than 48 elapsed hours after the customer learned of the failure. */
    late: boolean("late").notNull(),
    givenBy: uuid("given_by").references(() => users.id),
    givenByName: text("given_by_name").notNull(),
    /** The cure date proposed last ("YYYY-MM-DD", the processor's zone), by which side, by whom, when. */
    cureProposedDate: text("cure_proposed_date"),
    cureProposedBy: text("cure_proposed_by").$type<CureSide>(),
    cureProposedByName: text("cure_proposed_by_name"),
    cureProposedAt: instant("cure_proposed_at"),
    /** The date both confirmed in writing; the other side's confirmation. */
    cureAgreedDate: text("cure_agreed_date"),
    cureAgreedAt: instant("cure_agreed_at"),
    cureAgreedByName: text("cure_agreed_by_name"),
    cureObligationId: uuid("cure_obligation_id").references(() => obligations.id),
    /** The processor states the failure cured. */
    curedAt: instant("cured_at"),
    curedNote: text("cured_note"),
    createdAt: createdAt(),
  },
  (t) => [index("default_notices_controller").on(t.controllerId, t.givenAt)],
);

export const INTENT_ASSESSMENTS = ["not_assessed", "no_indication", "indicated"] as const;
/** art. 11.4: whether the damage is assessed to stem from intent or deliberate recklessness of the processor or its management. */
export type IntentAssessment = (typeof INTENT_ASSESSMENTS)[number];

/**
 * art. 11.1: the damage-causing event ("a series of consecutive events counts as one event"): the
 * claims of one event share one cap, from the month before it.
 */
export const claimEvents = pgTable(
  "claim_events",
  {
    id: id(),
    /** Shown as GB-0001 (gebeurtenis). */
    number: serial("number").notNull().unique(),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    description: text("description").notNull(),
    /** The event, or the first of a series of connected events. */
    occurredAt: instant("occurred_at").notNull(),
    /** art. 11.4, a recorded assessment: the exclusions and the cap do not apply to intent or deliberate recklessness. */
    intentAssessment: text("intent_assessment").$type<IntentAssessment>().notNull().default("not_assessed"),
    intentNote: text("intent_note"),
    intentAssessedAt: instant("intent_assessed_at"),
    intentAssessedByName: text("intent_assessed_by_name"),
    createdAt: createdAt(),
  },
  (t) => [index("claim_events_controller").on(t.controllerId, t.occurredAt)],
);

/**
 * A customer's claim for damages (art. 11), split into the four heads of direct damage of 11.2 and
 * the indirect damage of 11.3 (excluded, but claimed and so recorded), in euro cents; its lapse date
 * (11.6: 12 months after it arose, unless specified and explicitly reported) with its window on the
 * obligation engine and a reminder before it.
 */
export const claims = pgTable(
  "claims",
  {
    id: id(),
    /** Shown as CL-0001. */
    number: serial("number").notNull().unique(),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => claimEvents.id),
    defaultNoticeId: uuid("default_notice_id").references(() => defaultNotices.id),
    description: text("description").notNull(),
    arisenAt: instant("arisen_at").notNull(),
    /** When the customer reported the claim specified and explicitly (11.6), if it has. */
    specifiedAt: instant("specified_at"),
    lapsesAt: instant("lapses_at").notNull(),
    /** 11.2: damage to tangible property (zaakschade). */
    propertyDamageCents: integer("property_damage_cents").notNull(),
    /** 11.2: reasonable, demonstrable costs of summoning the processor to perform (again) properly. */
    defaultCostsCents: integer("default_costs_cents").notNull(),
    /** 11.2: reasonable costs of establishing the cause and extent of the direct damage. */
    assessmentCostsCents: integer("assessment_costs_cents").notNull(),
    /** 11.2: reasonable, demonstrable costs of preventing or limiting the direct damage. */
    mitigationCostsCents: integer("mitigation_costs_cents").notNull(),
    /** 11.3: indirect damage (excluded by the agreement). */
    indirectCents: integer("indirect_cents").notNull(),
    lapseObligationId: uuid("lapse_obligation_id").references(() => obligations.id),
    /** When staff were reminded of the coming lapse (once, the sweep). */
    lapseRemindedAt: instant("lapse_reminded_at"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedByName: text("recorded_by_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("claims_controller").on(t.controllerId, t.createdAt), index("claims_event").on(t.eventId), index("claims_lapse").on(t.lapsesAt)],
);
