import { Type } from "typebox";
import { AUTHORITY_KINDS, DISCLOSURE_DECISIONS, GAG_EFFORT_RESULTS, GAG_KINDS } from "../../db/schema/index.ts";
import { Instant, Int, Line, Localized, NullableInstant, Text, Uuid } from "../../http/schemas.ts";

// The disclosures module's request and answer schemas (art. 9.2): each validates a request, types
// its handler and documents the API (no twin by hand in the web).

/** The vocabularies the report lists in order (every kind, every outcome). */
export { AUTHORITY_KINDS, DISCLOSURE_DECISIONS };

const AuthorityKind = Type.Enum([...AUTHORITY_KINDS]);
const Decision = Type.Enum([...DISCLOSURE_DECISIONS]);
const Gag = Type.Enum([...GAG_KINDS]);
/** Free text that must say something (a blank one is refused by the use case, naming the field). */
const LongText = (max: number) => Text(max, { minLength: 1 });

export const OrderBody = Type.Object(
  {
    authority: Line(200, { minLength: 1 }),
    authorityKind: AuthorityKind,
    legalBasis: Line(300, { minLength: 1 }),
    receivedAt: Instant,
    dataRequested: LongText(4000),
    controllerIds: Type.Array(Uuid, { maxItems: 1000, description: "the customers whose data the order concerns" }),
    gag: Gag,
    gagUntil: Type.Optional(NullableInstant),
  },
  { additionalProperties: false },
);

export const CustomersBody = Type.Object(
  { controllerIds: Type.Array(Uuid, { minItems: 1, maxItems: 1000, description: "customers found to be concerned later" }) },
  { additionalProperties: false },
);

export const DecisionBody = Type.Object(
  { decision: Type.Enum(["comply", "comply_in_part", "contest"]), reasoning: LongText(4000) },
  { additionalProperties: false },
);

export const DisclosedBody = Type.Object({ what: LongText(4000), disclosedAt: Instant }, { additionalProperties: false });

export const GagEffortBody = Type.Object(
  {
    at: Instant,
    action: LongText(2000),
    result: Type.Enum([...GAG_EFFORT_RESULTS], {
      description: "pending: no answer yet; refused; narrowed (record the gag's new term as a change); lifted (record the lift too)",
    }),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);

export const LiftBody = Type.Object(
  { liftedAt: Instant, note: Type.Optional(Text(2000)) },
  { additionalProperties: false, description: "staff record that the gag was lifted, and when: the customers' 24-hour duties run from then" },
);

export const GagChangeBody = Type.Object(
  {
    gag: Type.Enum(["until_date", "until_lifted"]),
    gagUntil: Type.Optional(NullableInstant),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false, description: "a gag order in force changed by the authority or a court: a date passed already ends it at that date" },
);

export const NotifyBody = Type.Object(
  {
    summary: LongText(4000),
    nameAuthority: Type.Boolean({ description: "whether the notice may name the authority and the legal basis" }),
  },
  { additionalProperties: false },
);

export const StatementBody = Type.Object(
  {
    authority: Line(200, { minLength: 1 }),
    legalBasis: Line(300, { minLength: 1 }),
    information: LongText(4000),
    dueAt: Type.Optional(NullableInstant),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);

export const OrderSummary = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  authority: Type.String(),
  authorityKind: AuthorityKind,
  authorityKindLabel: Localized,
  receivedAt: Instant,
  decision: Decision,
  decisionLabel: Localized,
  gag: Gag,
  gagUntil: NullableInstant,
  gagEndedAt: NullableInstant,
  /** The gag is in force now: no customer may be told. */
  gagActive: Type.Boolean(),
  customers: Type.Integer(),
  notified: Type.Integer(),
});

export const OrderList = Type.Array(OrderSummary);

export const OrderDetail = Type.Object({
  ...OrderSummary.properties,
  legalBasis: Type.String(),
  dataRequested: Type.String(),
  reasoning: Type.Union([Type.String(), Type.Null()]),
  decidedAt: NullableInstant,
  disclosedWhat: Type.Union([Type.String(), Type.Null()]),
  disclosedAt: NullableInstant,
  concerned: Type.Array(
    Type.Object({
      controllerId: Type.String(),
      customerNumber: Type.String(),
      customerName: Type.String(),
      dueAt: NullableInstant,
      notifiedAt: NullableInstant,
      metInTime: Type.Union([Type.Boolean(), Type.Null()]),
    }),
  ),
  efforts: Type.Array(
    Type.Object({
      id: Type.String(),
      at: Instant,
      action: Type.String(),
      result: Type.Enum([...GAG_EFFORT_RESULTS]),
      note: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  timeline: Type.Array(
    Type.Object({
      at: Instant,
      type: Type.String(),
      typeLabel: Localized,
      actor: Type.String(),
      customerName: Type.Union([Type.String(), Type.Null()]),
      hash: Type.String(),
    }),
    { description: "the order's evidence, oldest first (at most 500 entries)" },
  ),
});

export const CustomerDisclosureNotice = Type.Object({
  noticeId: Type.String(),
  reference: Type.String(),
  authority: Type.Union([Type.String(), Type.Null()]),
  authorityKindLabel: Localized,
  legalBasis: Type.Union([Type.String(), Type.Null()]),
  receivedAt: Instant,
  decisionLabel: Localized,
  disclosedAt: NullableInstant,
  summary: Type.String(),
  sentAt: Instant,
});

export const Statement = Type.Object({
  id: Type.String(),
  controllerId: Type.String(),
  customerName: Type.String(),
  customerNumber: Type.String(),
  authority: Type.String(),
  legalBasis: Type.String(),
  information: Type.String(),
  dueAt: NullableInstant,
  note: Type.Union([Type.String(), Type.Null()]),
  statedByName: Type.String(),
  createdAt: Instant,
});

const Count = Type.Object({
  /** The exact count, or null when shown as a band. */
  exact: Type.Union([Type.Integer(), Type.Null()]),
  /** The band (0–9, 10–49, …) when a gagged order is in the cell; null when exact. */
  band: Type.Union([Type.Object({ from: Type.Integer(), to: Type.Union([Type.Integer(), Type.Null()]) }), Type.Null()]),
});

export const TransparencyReport = Type.Object({
  periods: Type.Array(
    Type.Object({
      period: Type.String({ description: "a half-year, 2026-H1 or 2026-H2, by the date of receipt in the processor's zone" }),
      orders: Count,
      customers: Count,
      byAuthority: Type.Array(Type.Object({ kind: AuthorityKind, label: Localized, orders: Count })),
      byOutcome: Type.Array(Type.Object({ decision: Decision, label: Localized, orders: Count })),
    }),
  ),
  bands: Type.Array(Type.Object({ from: Type.Integer(), to: Type.Union([Type.Integer(), Type.Null()]) })),
});

export const Limit = Int(1, 1000, { default: 200 });
