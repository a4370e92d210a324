import { Type, type TSchema } from "typebox";
import { Cursor, keysetQuery, NextCursor, TotalExact } from "../../http/cursor.ts";
import { BREACH_FACT_KEYS } from "../../domain/breach-notice.ts";
import { Instant, Int, Line, Localized, NullableInstant, Offset, Text, Uuid } from "../../http/schemas.ts";

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** A count of people: more than live on earth is a typing error. */
const Count = Int(0, 10_000_000_000);

// ---- the art. 6.2 facts ----------------------------------------------------------------------

/** A fact: known with its value, or explicitly unknown (optionally why); null = not filled in. */
const Fact = <T extends TSchema>(value: T) =>
  Nullable(
    Type.Union([
      Type.Object({ status: Type.Literal("known"), value }, { additionalProperties: false }),
      Type.Object({ status: Type.Literal("unknown"), reason: Type.Optional(Text(1000)) }, { additionalProperties: false }),
    ]),
  );

const FactShapes = {
  cause: Text(10_000),
  consequences: Text(10_000),
  solution: Text(10_000),
  contact: Type.Object({ name: Line(200), email: Line(254), phone: Line(40) }, { additionalProperties: false }),
  affectedCount: Type.Union([
    Type.Object({ kind: Type.Literal("exact"), count: Count }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal("range"), min: Count, max: Count }, { additionalProperties: false }),
  ]),
  subjectGroup: Text(5000),
  dataKinds: Type.Array(Line(200), { maxItems: 100 }),
  period: Type.Object({ start: Instant, end: Type.Optional(Nullable(Type.Union([Instant, Type.Literal("ongoing")]))) }, { additionalProperties: false }),
  unintelligible: Type.Object({ state: Type.Enum(["yes", "no", "partly"]), description: Type.Optional(Nullable(Text(5000))) }, { additionalProperties: false }),
  measuresTaken: Text(10_000),
  measuresPlanned: Text(10_000),
};

/**
 * The facts a request may set. Not discoveredAt: it is the incident's discovery instant, one for
 * every affected customer (the 48-hour clock runs from it), so it follows the incident.
 */
export const FactsBody = Type.Object(
  {
    cause: Type.Optional(Fact(FactShapes.cause)),
    consequences: Type.Optional(Fact(FactShapes.consequences)),
    solution: Type.Optional(Fact(FactShapes.solution)),
    contact: Type.Optional(Fact(FactShapes.contact)),
    affectedCount: Type.Optional(Fact(FactShapes.affectedCount)),
    subjectGroup: Type.Optional(Fact(FactShapes.subjectGroup)),
    dataKinds: Type.Optional(Fact(FactShapes.dataKinds)),
    period: Type.Optional(Fact(FactShapes.period)),
    unintelligible: Type.Optional(Fact(FactShapes.unintelligible)),
    measuresTaken: Type.Optional(Fact(FactShapes.measuresTaken)),
    measuresPlanned: Type.Optional(Fact(FactShapes.measuresPlanned)),
  },
  { additionalProperties: false },
);

export const Facts = Type.Object({ ...FactsBody.properties, discoveredAt: Type.Optional(Fact(Instant)) });

export const FactKey = Type.Enum([...BREACH_FACT_KEYS]);

export const NoticeCheck = Type.Object({
  complete: Type.Boolean(),
  missing: Type.Array(Type.Object({ key: FactKey, label: Localized })),
  invalid: Type.Array(Type.Object({ key: FactKey, field: Type.Optional(Type.String()), message: Localized })),
  unknown: Type.Array(FactKey),
});

// ---- incidents -------------------------------------------------------------------------------

const IncidentFields = {
  title: Line(300, { minLength: 1 }),
  description: Text(20_000, { minLength: 1, description: "what happened" }),
  startedAt: Type.Optional(NullableInstant),
  endedAt: Type.Optional(NullableInstant),
  ongoing: Type.Optional(Type.Boolean()),
  discoveredAt: Instant,
  discoveryHow: Text(5000, { minLength: 1, description: "how the processor discovered it" }),
  systems: Type.Optional(Type.Array(Line(200, { minLength: 1 }), { maxItems: 100 })),
  serviceIds: Type.Optional(Type.Array(Uuid, { maxItems: 100 })),
  subprocessorIds: Type.Optional(Type.Array(Uuid, { maxItems: 100 })),
};

export const IncidentBody = Type.Object(IncidentFields, { additionalProperties: false });

export const IncidentPatch = Type.Partial(
  Type.Object({
    ...IncidentFields,
    discloseCount: Type.Boolean({ description: "whether customers' notices say how many customers are affected" }),
  }),
  { additionalProperties: false },
);

export const Decision = Type.Enum(["pending", "notify", "no_notify"]);
export const Risk = Type.Enum(["none", "unlikely", "risk", "high"], { description: "risk to the people concerned: none, unlikely, a risk, a high risk" });

export const AssessmentBody = Type.Object(
  {
    personalData: Type.Boolean({ description: "were personal data processed for customers affected" }),
    breach: Type.Boolean({ description: "did a breach really happen (art. 6.1)" }),
    confidentiality: Type.Boolean(),
    integrity: Type.Boolean(),
    availability: Type.Boolean(),
    risk: Risk,
    decision: Type.Enum(["notify", "no_notify"]),
    reasoning: Text(20_000, { minLength: 1 }),
  },
  { additionalProperties: false },
);

export const Assessment = Type.Object({
  id: Type.String(),
  revision: Type.Integer(),
  personalData: Type.Boolean(),
  breach: Type.Boolean(),
  confidentiality: Type.Boolean(),
  integrity: Type.Boolean(),
  availability: Type.Boolean(),
  risk: Risk,
  decision: Type.Enum(["notify", "no_notify"]),
  reasoning: Type.String(),
  decidedBy: Type.String(),
  decidedAt: Instant,
});

const Named = Type.Object({ id: Type.String(), name: Type.String() });
const ServiceName = Type.Object({ id: Type.String(), nl: Type.String(), en: Type.String() });

export const IncidentSummary = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  title: Type.String(),
  status: Type.Enum(["open", "closed"]),
  decision: Decision,
  discoveredAt: Instant,
  /** The default 48-hour deadline (discovery + the newest template's clock). */
  dueAt: Instant,
  ongoing: Type.Boolean(),
  affected: Type.Integer(),
  notified: Type.Integer(),
  overdue: Type.Integer({ description: "affected customers not yet notified past their deadline" }),
  closedAt: NullableInstant,
});

export const Incident = Type.Object({
  ...IncidentSummary.properties,
  description: Type.String(),
  startedAt: NullableInstant,
  endedAt: NullableInstant,
  discoveryHow: Type.String(),
  systems: Type.Array(Type.String()),
  services: Type.Array(ServiceName),
  subprocessors: Type.Array(Named),
  discloseCount: Type.Boolean(),
  facts: Facts,
  sharedCheck: NoticeCheck,
  assessments: Type.Array(Assessment),
  closingSummary: Nullable(Type.String()),
  recordedBy: Nullable(Type.String()),
  createdAt: Instant,
  updatedAt: Instant,
  /** Customers whose notice is complete / not, over the affected ones. */
  ready: Type.Integer(),
  incomplete: Type.Integer(),
});

export const IncidentListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(["open", "closed"])),
    decision: Type.Optional(Decision),
    q: Type.Optional(Line(100, { description: "the title contains it, or it is the reference (INC-0042) or number" })),
    ...keysetQuery({ default: 100, maximum: 500 }),
  },
  { additionalProperties: false },
);
export const IncidentList = Type.Object({ total: Type.Integer(), totalExact: TotalExact, items: Type.Array(IncidentSummary), next: NextCursor });

// ---- affected customers ----------------------------------------------------------------------

export const ProposedCustomer = Type.Object({
  controllerId: Type.String(),
  name: Type.String(),
  customerNumber: Type.String(),
  services: Type.Array(ServiceName),
  subprocessors: Type.Array(Named),
  affected: Type.Boolean({ description: "already on the incident's list" }),
});
export const Proposal = Type.Object({
  total: Type.Integer({ description: "every customer proposed" }),
  waiting: Type.Integer({ description: "of those, the ones not on the incident's list yet" }),
  customers: Type.Array(ProposedCustomer),
  next: NextCursor,
});
export const ProposalQuery = Type.Object(
  {
    limit: Type.Optional(Int(1, 1_000, { default: 100 })),
    after: Type.Optional(Cursor),
    waiting: Type.Optional(Type.Boolean({ description: "only the customers not on the incident's list yet" })),
  },
  { additionalProperties: false },
);

export const AddCustomersBody = Type.Object(
  {
    controllerIds: Type.Optional(Type.Array(Uuid, { maxItems: 20_000 })),
    fromProposal: Type.Optional(Type.Boolean({ description: "add every proposed customer" })),
  },
  { additionalProperties: false },
);

export const NoticeRound = Type.Object({
  id: Type.String(),
  noticeId: Type.String(),
  sequence: Type.Integer(),
  stage: Type.Enum(["initial", "follow_up", "final"]),
  sentAt: Instant,
  deliveredAt: NullableInstant,
  held: Type.Boolean({ description: "not delivered, and an email of it is held in the outbox (no SMTP configured): not sent" }),
  openedAt: NullableInstant,
  acknowledgedAt: NullableInstant,
  changed: Type.Array(FactKey),
});

export const AffectedCustomer = Type.Object({
  controllerId: Type.String(),
  name: Type.String(),
  customerNumber: Type.String(),
  source: Type.Enum(["proposed", "manual"]),
  services: Type.Array(ServiceName),
  subprocessors: Type.Array(Named),
  /** Its 48-hour deadline (art. 6.1) from discovery, with its agreement version's clock. */
  dueAt: Instant,
  clockHours: Type.Integer(),
  templateVersion: Nullable(Type.Integer()),
  obligationId: Nullable(Type.String()),
  ownFacts: FactsBody,
  check: NoticeCheck,
  /** First notice: when sent, when first delivered (email/webhook accepted), whether inside the deadline. */
  notifiedAt: NullableInstant,
  deliveredAt: NullableInstant,
  /** Not delivered, and an email of it is held in the outbox (no SMTP configured): not sent. */
  held: Type.Boolean(),
  openedAt: NullableInstant,
  acknowledgedAt: NullableInstant,
  sentInTime: Nullable(Type.Boolean()),
  deliveredInTime: Nullable(Type.Boolean()),
  overdue: Type.Boolean(),
  notices: Type.Array(NoticeRound),
});

export const AffectedList = Type.Object({ total: Type.Integer(), customers: Type.Array(AffectedCustomer), next: NextCursor });
export const AffectedQuery = Type.Object(
  {
    limit: Type.Optional(Int(1, 1_000, { default: 100 })),
    after: Type.Optional(Cursor),
    offset: Type.Optional(Offset),
    q: Type.Optional(Line(200, { description: "name or customer number contains" })),
  },
  { additionalProperties: false },
);

export const CustomerParams = Type.Object({ id: Uuid, controllerId: Uuid });

// ---- sending ---------------------------------------------------------------------------------

export const SendBody = Type.Object(
  {
    message: Type.Optional(Nullable(Text(10_000, { description: "what is new in this round" }))),
  },
  { additionalProperties: false },
);

export const SendResult = Type.Object({
  sent: Type.Integer(),
  initial: Type.Integer(),
  followUp: Type.Integer(),
  unchanged: Type.Integer({ description: "customers skipped: nothing changed since their last notice and no message" }),
});

export const CloseBody = Type.Object({ summary: Text(20_000, { minLength: 1 }) }, { additionalProperties: false });

export const TimelineEntry = Type.Object({
  at: Instant,
  type: Type.String(),
  /** The type in words (each module's events.ts). */
  typeLabel: Localized,
  actor: Type.String(),
  customer: Nullable(Named),
  data: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.String(),
});
export const Timeline = Type.Object({ total: Type.Integer(), totalExact: TotalExact, entries: Type.Array(TimelineEntry), next: NextCursor });
export const TimelineQuery = Type.Object(keysetQuery({ default: 500, maximum: 1000 }), { additionalProperties: false });

export const ExportQuery = Type.Object({ format: Type.Enum(["csv", "xlsx", "pdf"]) }, { additionalProperties: false });

// ---- the customer's side ---------------------------------------------------------------------

export const CustomerBreachSummary = Type.Object({
  incidentId: Type.String(),
  reference: Type.String(),
  title: Type.String(),
  stage: Type.Enum(["initial", "follow_up", "final"]),
  notices: Type.Integer(),
  firstSentAt: Instant,
  lastSentAt: Instant,
  latestNoticeId: Type.String(),
  unacknowledged: Type.Integer(),
});

export const CustomerNotice = Type.Object({
  id: Type.String(),
  noticeId: Type.String(),
  sequence: Type.Integer(),
  stage: Type.Enum(["initial", "follow_up", "final"]),
  sentAt: Instant,
  facts: Facts,
  changed: Type.Array(FactKey),
  message: Nullable(Type.String()),
  nature: Type.Object({ confidentiality: Type.Boolean(), integrity: Type.Boolean(), availability: Type.Boolean() }),
  dueAt: Instant,
  inTime: Type.Boolean({ description: "sent within the agreement's deadline" }),
  openedAt: NullableInstant,
  acknowledgedAt: NullableInstant,
  affectedCustomers: Nullable(Type.Integer()),
});

export const CustomerBreach = Type.Object({
  incidentId: Type.String(),
  reference: Type.String(),
  title: Type.String(),
  notices: Type.Array(CustomerNotice),
  /** When the processor's first notice reached the customer: its own 72-hour clock (GDPR 33) runs from here. */
  awareAt: NullableInstant,
  apDeadline: NullableInstant,
});

export const ApDraftQuery = Type.Object(
  { format: Type.Optional(Type.Enum(["json", "pdf"])), locale: Type.Optional(Type.Enum(["nl", "en"])) },
  { additionalProperties: false },
);
export const PdfQuery = Type.Object({ locale: Type.Optional(Type.Enum(["nl", "en"])) }, { additionalProperties: false });
