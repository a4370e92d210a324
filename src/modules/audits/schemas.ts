import { Type } from "typebox";
import { ACTION_CARRIERS, AUDIT_SIDES, EXPERT_STATUSES, INFORMATION_ASKERS } from "../../db/schema/index.ts";
import { Instant, Int, Line, Localized, NullableInstant, Text, Uuid } from "../../http/schemas.ts";

// The audits module's request and answer shapes (TypeBox); use cases take their Static types.

/** A calendar date, YYYY-MM-DD (as cases/local-date.ts; cases imports this module, so not from there). */
export const LocalDate = Type.String({
  pattern: "^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
  maxLength: 10,
  description: "YYYY-MM-DD",
  examples: ["2026-12-01"],
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Side = Type.Enum([...AUDIT_SIDES]);

export const AuditBody = Type.Object(
  { reason: Text(10_000, { description: "The concrete, written, reasoned suspicion of misuse (art. 10.2)" }) },
  { additionalProperties: false },
);
export const RefusalBody = Type.Object({ reasoning: Text(10_000, { minLength: 1 }) }, { additionalProperties: false });
export const DateBody = Type.Object({ startsAt: Instant }, { additionalProperties: false });
export const InformationBody = Type.Object(
  { askedBy: Type.Enum([...INFORMATION_ASKERS]), question: Text(10_000, { minLength: 1 }) },
  { additionalProperties: false },
);
export const FindingBody = Type.Object(
  { title: Line(300, { minLength: 1 }), description: Text(20_000, { minLength: 1 }), assessment: Text(20_000, { minLength: 1 }) },
  { additionalProperties: false },
);
export const ActionBody = Type.Object(
  {
    findingId: Uuid,
    description: Text(5_000, { minLength: 1 }),
    carriedBy: Type.Enum([...ACTION_CARRIERS]),
    owner: Line(200, { minLength: 1 }),
    dueDate: LocalDate,
  },
  { additionalProperties: false },
);
export const CostBody = Type.Object(
  { description: Line(500, { minLength: 1 }), amountCents: Int(1, 100_000_000), costDate: LocalDate },
  { additionalProperties: false },
);

/** The multipart form of an expert proposal: name, firm, and the undertaking as one file. */
export const ExpertForm = Type.Object({
  name: Type.Optional(Line(200, { description: "the expert's name (required)" })),
  firm: Type.Optional(Line(200, { description: "the expert's firm (required)" })),
  undertaking: Type.Optional(
    Type.String({ format: "binary", maxLength: 10 * 1024 * 1024, description: "the confidentiality undertaking, one file (required)" }),
  ),
});
/** An answer as JSON. */
export const AnswerBody = Type.Object({ answer: Text(20_000) }, { additionalProperties: false });
/** The multipart form of an answer: the text and up to 5 attachments. */
export const AnswerForm = Type.Object({
  answer: Type.Optional(Text(20_000, { description: "the answer (required)" })),
  files: Type.Optional(Type.Array(Type.String({ format: "binary", maxLength: 10 * 1024 * 1024 }), { maxItems: 5 })),
});

export const ExpertParams = Type.Object({ id: Uuid, expertId: Uuid });
export const RequestParams = Type.Object({ id: Uuid, requestId: Uuid });
export const FindingParams = Type.Object({ id: Uuid, findingId: Uuid });
export const ActionParams = Type.Object({ id: Uuid, actionId: Uuid });

const AuditFile = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: Instant,
  uploadedByName: Type.String(),
});

export const AuditSummary = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  controllerId: Type.String(),
  customerName: Type.String(),
  status: Type.Enum(["requested", "refused"]),
  stage: Type.Enum(["requested", "refused", "expert_agreed", "scheduled"]),
  stageLabel: Localized,
  requestedAt: Instant,
  earliestAt: Instant,
  dateAt: NullableInstant,
  dateAgreed: Type.Boolean(),
});

export const AuditDetail = Type.Object({
  ...AuditSummary.properties,
  reason: Type.String(),
  requestedByName: Type.String(),
  refusal: Nullable(Type.String()),
  refusedAt: NullableInstant,
  refusedByName: Nullable(Type.String()),
  dateProposedBy: Nullable(Side),
  dateAgreedAt: NullableInstant,
  expertId: Nullable(Type.String()),
  experts: Type.Array(
    Type.Object({
      id: Type.String(),
      side: Side,
      name: Type.String(),
      firm: Type.String(),
      status: Type.Enum([...EXPERT_STATUSES]),
      proposedByName: Type.String(),
      proposedAt: Instant,
      decidedAt: NullableInstant,
      undertaking: Nullable(AuditFile),
    }),
  ),
  informationRequests: Type.Array(
    Type.Object({
      id: Type.String(),
      askedBy: Type.Enum([...INFORMATION_ASKERS]),
      question: Type.String(),
      askedByName: Type.String(),
      askedAt: Instant,
      dueAt: Instant,
      overdue: Type.Boolean(),
      answer: Nullable(Type.String()),
      answeredAt: NullableInstant,
      answeredByName: Nullable(Type.String()),
      inTime: Nullable(Type.Boolean()),
      files: Type.Array(AuditFile),
    }),
  ),
  findings: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      description: Type.String(),
      assessment: Type.String(),
      side: Side,
      recordedByName: Type.String(),
      recordedAt: Instant,
      agreedAt: NullableInstant,
      agreedByName: Nullable(Type.String()),
    }),
  ),
  actions: Type.Array(
    Type.Object({
      id: Type.String(),
      findingId: Type.String(),
      description: Type.String(),
      carriedBy: Type.Enum([...ACTION_CARRIERS]),
      carriedByLabel: Localized,
      owner: Type.String(),
      dueDate: Type.String(),
      dueAt: Instant,
      overdue: Type.Boolean(),
      doneAt: NullableInstant,
      doneByName: Nullable(Type.String()),
      inTime: Nullable(Type.Boolean()),
    }),
  ),
  costs: Type.Array(
    Type.Object({
      id: Type.String(),
      description: Type.String(),
      costDate: Type.String(),
      amountCents: Type.Integer(),
      currency: Type.String(),
      recordedByName: Type.String(),
      recordedAt: Instant,
      exported: Type.Boolean(),
    }),
  ),
  costsTotalCents: Type.Integer(),
  /** Which side the caller is on, for the page's buttons. */
  yourSide: Side,
});
