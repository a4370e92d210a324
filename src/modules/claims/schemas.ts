import { Type, type Static } from "typebox";
import { Instant, Int, Line, Localized, MAX_INT4, NullableInstant, Text, Uuid } from "../../http/schemas.ts";

// The claims module's request and answer schemas (art. 11). Money is whole euro cents everywhere.

const Cents = Int(0, MAX_INT4, { description: "euro cents" });
// Checked by the use case (a 400 naming the field, after the record is found): a real date on or after today, a month.
const DateText = Line(10, { minLength: 1, description: "a local date, YYYY-MM-DD (Europe/Amsterdam), on or after today" });
const MonthText = Line(7, { minLength: 1, description: "a calendar month, YYYY-MM" });

/** The largest fee file (CSV or JSON), in bytes. */
export const LEDGER_BODY_LIMIT = 10 * 1024 * 1024;
export const LEDGER_MAX_ROWS = 100_000;

export const LedgerEntryIn = Type.Object(
  {
    customerNumber: Line(50, { minLength: 1 }),
    month: MonthText,
    amountCents: Cents,
    description: Type.Optional(Type.Union([Line(200), Type.Null()])),
  },
  { additionalProperties: false },
);
export type LedgerEntryIn = Static<typeof LedgerEntryIn>;

export const LedgerJsonBody = Type.Object({ entries: Type.Array(LedgerEntryIn, { minItems: 1, maxItems: LEDGER_MAX_ROWS }) }, { additionalProperties: false });
export const LedgerCsvBody = Text(LEDGER_BODY_LIMIT, { minLength: 1 });
export const LedgerQuery = Type.Object(
  { dryRun: Type.Boolean({ default: false, description: "validate only; write nothing" }) },
  { additionalProperties: false },
);
export const LedgerSummary = Type.Object({ dryRun: Type.Boolean(), entries: Type.Integer(), customers: Type.Integer(), months: Type.Integer() });

export const LedgerView = Type.Object({
  controllerId: Type.String(),
  customerName: Type.String(),
  entries: Type.Array(
    Type.Object({
      month: Type.String(),
      amountCents: Type.Integer(),
      description: Type.Union([Type.String(), Type.Null()]),
      importedAt: Type.String(),
      importedBy: Type.String(),
    }),
  ),
  /** The fallback: the monthly fees Art28 holds for the services the customer takes. */
  heldFees: Type.Array(Type.Object({ service: Type.String(), monthlyFeeCents: Type.Integer(), since: Type.String() })),
  fallbackLabel: Localized,
});

export const DefaultNoticeBody = Type.Object(
  {
    description: Text(10_000, { minLength: 1, description: "the failure, as completely and in as much detail as possible (art. 11.5)" }),
    learnedAt: Instant,
  },
  { additionalProperties: false },
);
export const CureDateBody = Type.Object({ date: DateText }, { additionalProperties: false });
export const CuredBody = Type.Object({ note: Text(2_000, { minLength: 1 }) }, { additionalProperties: false });

export const DefaultNotice = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  controllerId: Type.String(),
  customerName: Type.String(),
  description: Type.String(),
  learnedAt: Type.String(),
  givenAt: Type.String(),
  givenByName: Type.String(),
  deadline: Type.String({ description: "48 elapsed hours after the customer learned of the failure" }),
  elapsedMinutes: Type.Integer(),
  late: Type.Boolean(),
  lateText: Type.Union([Localized, Type.Null()]),
  cure: Type.Object({
    proposedDate: Type.Union([Type.String(), Type.Null()]),
    proposedBy: Type.Union([Type.Literal("customer"), Type.Literal("processor"), Type.Null()]),
    proposedByName: Type.Union([Type.String(), Type.Null()]),
    proposedAt: NullableInstant,
    agreedDate: Type.Union([Type.String(), Type.Null()]),
    agreedAt: NullableInstant,
    agreedByName: Type.Union([Type.String(), Type.Null()]),
    dueAt: NullableInstant,
    clock: Type.String({ description: "running, overdue, met_in_time, met_late or none" }),
    curedAt: NullableInstant,
    curedNote: Type.Union([Type.String(), Type.Null()]),
  }),
  timeline: Type.Array(Type.Object({ type: Type.String(), typeLabel: Localized, occurredAt: Type.String(), actorLabel: Type.String() })),
});

export const Damages = Type.Object(
  {
    propertyDamageCents: Cents,
    defaultCostsCents: Cents,
    assessmentCostsCents: Cents,
    mitigationCostsCents: Cents,
    indirectCents: Cents,
  },
  { additionalProperties: false },
);

export const ClaimBody = Type.Object(
  {
    controllerId: Uuid,
    eventId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    event: Type.Optional(
      Type.Union([
        Type.Object(
          { description: Text(5_000, { minLength: 1 }), occurredAt: Instant },
          { additionalProperties: false, description: "the event, or the first of a series of connected events (art. 11.1)" },
        ),
        Type.Null(),
      ]),
    ),
    defaultNoticeId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    description: Text(10_000, { minLength: 1 }),
    arisenAt: Instant,
    specifiedAt: Type.Optional(Type.Union([Instant, Type.Null()])),
    damages: Damages,
  },
  { additionalProperties: false },
);

export const AssessmentBody = Type.Object(
  { assessment: Type.Union([Type.Literal("no_indication"), Type.Literal("indicated")]), note: Type.Optional(Type.Union([Text(5_000), Type.Null()])) },
  { additionalProperties: false },
);

const CapLine = Type.Object({
  label: Type.String(),
  amountCents: Type.Integer(),
  days: Type.Union([Type.Object({ counted: Type.Integer(), inMonth: Type.Integer() }), Type.Null()]),
});

export const Cap = Type.Object({
  month: Type.String(),
  monthStart: Type.String(),
  monthEnd: Type.String(),
  source: Type.Union([Type.Literal("ledger"), Type.Literal("fallback"), Type.Literal("none")]),
  sourceLabel: Localized,
  lines: Type.Array(CapLine),
  capCents: Type.Integer(),
  /** False when intent or deliberate recklessness is indicated (art. 11.4). */
  applies: Type.Boolean(),
  note: Localized,
});

export const ClaimEvent = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  description: Type.String(),
  occurredAt: Type.String(),
  intent: Type.Union([
    Type.Object({
      assessment: Type.String(),
      label: Localized,
      note: Type.Union([Type.String(), Type.Null()]),
      assessedAt: NullableInstant,
      assessedByName: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  /** Every claim of this event (art. 11.1: one event, one cap). */
  claims: Type.Array(Type.Object({ id: Type.String(), reference: Type.String(), directCents: Type.Integer() })),
  directClaimedCents: Type.Integer(),
  cap: Cap,
});

export const ClaimSummary = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  controllerId: Type.String(),
  customerName: Type.String(),
  eventReference: Type.String(),
  description: Type.String(),
  arisenAt: Type.String(),
  lapsesAt: Type.String(),
  specifiedAt: NullableInstant,
  directCents: Type.Integer(),
  indirectCents: Type.Integer(),
  createdAt: Type.String(),
});

export const ClaimDetail = Type.Object({
  ...ClaimSummary.properties,
  defaultNotice: Type.Union([Type.Object({ id: Type.String(), reference: Type.String() }), Type.Null()]),
  damages: Damages,
  recordedByName: Type.String(),
  lapseClock: Type.Union([Type.Literal("specified"), Type.Literal("running"), Type.Literal("lapsed")]),
  event: ClaimEvent,
  timeline: Type.Array(Type.Object({ type: Type.String(), typeLabel: Localized, occurredAt: Type.String(), actorLabel: Type.String() })),
});
