import { keysetQuery } from "../../http/cursor.ts";
import { LocalDate, MAX_AMOUNT_CENTS } from "./local-date.ts";
import { Type, type Static } from "typebox";
import { CASE_STATUSES } from "../../db/schema/index.ts";
import { Instant, Int, Line, Localized, NonBlankLine, NullableInstant, Text, Uuid } from "../../http/schemas.ts";
import { Message } from "../threads/index.ts";
import { CASE_KINDS, CASE_KIND_CODES } from "./case-kinds.ts";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Cents = Int(0, MAX_AMOUNT_CENTS);

export const CaseKind = Type.Enum(CASE_KIND_CODES);
export const CaseStatus = Type.Enum([...CASE_STATUSES]);

/** A new case: its kind and that kind's request fields. */
export const CaseBody = Type.Union(
  CASE_KINDS.map((k) => Type.Object({ kind: Type.Literal(k.kind), request: k.request }, { additionalProperties: false })),
  { description: "the kind of request and its fields" },
);

export const CaseListQuery = Type.Object(
  {
    kind: Type.Optional(CaseKind),
    status: Type.Optional(CaseStatus),
    controllerId: Type.Optional(Uuid),
    overdue: Type.Optional(Type.Boolean({ description: "only cases whose answer is overdue" })),
    q: Type.Optional(Line(100, { description: "staff: the customer's name or customer number contains it" })),
    ...keysetQuery({ default: 100, maximum: 500 }),
  },
  { additionalProperties: false },
);

export const EstimateBody = Type.Object(
  {
    method: Type.Enum(["hourly", "fixed"]),
    hoursHundredths: Type.Optional(Int(1, 1_000_000, { description: "hourly: the hours in hundredths (12.5 h = 1250)" })),
    hourlyRateCents: Type.Optional(Int(0, 10_000_000, { description: "hourly: the rate per hour in cents" })),
    fixedCents: Type.Optional(Cents),
    description: Text(5000, { minLength: 1 }),
  },
  { additionalProperties: false },
);
export type EstimateBodyType = Static<typeof EstimateBody>;

export const DecisionBody = Type.Object({ estimateId: Uuid }, { additionalProperties: false });

export const EntryBody = Type.Object(
  {
    type: Type.Enum(["time", "cost"]),
    description: NonBlankLine(2000),
    workDate: LocalDate,
    minutes: Type.Optional(Int(1, 100_000)),
    rateCents: Type.Optional(Int(0, 10_000_000)),
    amountCents: Type.Optional(Cents),
    billable: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type EntryBodyType = Static<typeof EntryBody>;

export const VoidBody = Type.Object({ reason: NonBlankLine(1000) }, { additionalProperties: false });
export const EntryParams = Type.Object({ id: Uuid, entryId: Uuid });

export const CloseForm = Type.Object({
  outcome: Type.Optional(Line(50, { description: "an outcome of the case's kind; required" })),
  note: Type.Optional(Text(20_000, { description: "the note to the customer; required" })),
  files: Type.Optional(Type.Array(Type.String({ format: "binary" }), { maxItems: 5, description: "the deliverable, up to 5 files of 10 MB" })),
});
export const MeasuresAnswerForm = Type.Object({
  note: Type.Optional(Text(20_000, { description: "the answer to the customer; required" })),
  files: Type.Optional(
    Type.Array(Type.String({ format: "binary" }), { maxItems: 4, description: "extra attachments beside the report (e.g. evidence), up to 4 files of 10 MB" }),
  ),
});
export const MeasuresAnswerBody = Type.Object({ note: Text(20_000) }, { additionalProperties: false });
export const CloseBody = Type.Object({ outcome: Line(50), note: Text(20_000) }, { additionalProperties: false });
export const InstructionAcceptBody = Type.Object(
  {
    note: Text(20_000, { description: "to the customer: what the processor will do, and any conditions" }),
    termCode: Type.Optional(Line(64, { minLength: 1, description: "a purpose of the catalogue (Annex 1B) the instruction comes down to" })),
    labelNl: Type.Optional(NonBlankLine(200, { description: "else: the purpose in Dutch, as Annex 1 will name it" })),
    labelEn: Type.Optional(NonBlankLine(200, { description: "else: the purpose in English" })),
  },
  { additionalProperties: false },
);
export const InstructionWarningBody = Type.Object(
  {
    reasoning: Text(20_000, { minLength: 1, description: "why the instruction would infringe the GDPR or other law" }),
    provision: Type.Optional(Line(300, { description: 'the provision, e.g. "AVG art. 5 lid 1 sub b"' })),
  },
  { additionalProperties: false },
);

export const Estimate = Type.Object({
  id: Type.String(),
  method: Type.Enum(["hourly", "fixed"]),
  hoursHundredths: Nullable(Type.Integer()),
  hourlyRateCents: Nullable(Type.Integer()),
  totalCents: Type.Integer(),
  currency: Type.String(),
  description: Type.String(),
  status: Type.Enum(["proposed", "accepted", "declined", "superseded"]),
  proposedAt: Instant,
  decidedAt: NullableInstant,
  decidedByName: Nullable(Type.String()),
});

export const Entry = Type.Object({
  id: Type.String(),
  type: Type.Enum(["time", "cost", "credit"]),
  description: Type.String(),
  workDate: Type.String(),
  minutes: Nullable(Type.Integer()),
  rateCents: Nullable(Type.Integer()),
  amountCents: Type.Integer(),
  currency: Type.String(),
  billable: Type.Boolean(),
  creditsId: Nullable(Type.String()),
  createdAt: Instant,
  billableAt: NullableInstant,
  voidedAt: NullableInstant,
  voidReason: Nullable(Type.String()),
  exported: Type.Boolean(),
});

export const CaseSummary = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  kind: Type.String(),
  kindLabel: Localized,
  article: Type.String(),
  controllerId: Type.String(),
  customerName: Type.String(),
  title: Type.String(),
  status: CaseStatus,
  askedByName: Type.String(),
  askedAt: Instant,
  dueAt: NullableInstant,
  clock: Type.Enum(["running", "overdue", "met_in_time", "met_late", "none"]),
  outcome: Nullable(Type.String()),
  outcomeLabel: Nullable(Localized),
  closedAt: NullableInstant,
  messageCount: Type.Integer(),
});

export const CaseDetail = Type.Object({
  ...CaseSummary.properties,
  request: Type.Record(Type.String(), Type.Unknown()),
  outcomeNote: Nullable(Type.String()),
  outcomes: Type.Array(Type.Object({ code: Type.String(), label: Localized, deliverable: Type.Boolean() })),
  costs: Type.Boolean(),
  estimates: Type.Array(Estimate),
  entries: Type.Array(Entry),
  /** The billable total so far (not voided). */
  billableCents: Type.Integer(),
});

export const CaseKindInfo = Type.Object({
  kind: Type.String(),
  label: Localized,
  article: Type.String(),
  costs: Type.Boolean(),
  outcomes: Type.Array(Type.Object({ code: Type.String(), label: Localized, deliverable: Type.Boolean() })),
});

export const CaseMessages = Type.Array(Message);

// ---- billable items -------------------------------------------------------------------------

export const PeriodQuery = Type.Object(
  {
    from: LocalDate,
    to: LocalDate,
    state: Type.Optional(Type.Enum(["unexported", "exported", "all"], { default: "all" })),
    ...keysetQuery({ default: 500, maximum: 1000 }),
  },
  { additionalProperties: false },
);
export const ExportBody = Type.Object({ from: LocalDate, to: LocalDate }, { additionalProperties: false });

export const BillableItem = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  caseReference: Type.String(),
  caseKind: Type.String(),
  caseTitle: Type.String(),
  controllerId: Type.String(),
  customerName: Type.String(),
  type: Type.Enum(["time", "cost", "credit"]),
  description: Type.String(),
  workDate: Type.String(),
  minutes: Nullable(Type.Integer()),
  rateCents: Nullable(Type.Integer()),
  amountCents: Type.Integer(),
  currency: Type.String(),
  creditsId: Nullable(Type.String()),
  billableAt: Instant,
  voided: Type.Boolean(),
  exportId: Nullable(Type.String()),
  exportedAt: NullableInstant,
});

export const BillingExport = Type.Object({
  id: Type.String(),
  periodFrom: Type.String(),
  periodTo: Type.String(),
  itemCount: Type.Integer(),
  totalCents: Type.Integer(),
  createdAt: Instant,
  createdByName: Type.String(),
});
export const ExportListQuery = Type.Object(keysetQuery({ default: 100, maximum: 500 }), { additionalProperties: false });
export const ExportItemsQuery = Type.Object(keysetQuery({ default: 500, maximum: 1000 }), { additionalProperties: false });
