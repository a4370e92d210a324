import { Type } from "typebox";
import { CERTIFICATE_KINDS, DELETION_PARTIES, HOLD_CAPACITIES } from "../../db/schema/index.ts";
import { keysetQuery, NextCursor, TotalExact } from "../../http/cursor.ts";
import { Instant, Line, Localized, NullableInstant, Text } from "../../http/schemas.ts";

// The ending module's request and answer schemas (art. 12.2, 12.4): each validates a request, types
// its handler and documents the API (no twin by hand in the web).

/** A calendar date, YYYY-MM-DD (checked to exist by the use case). */
const LocalDate = Type.String({ pattern: "^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", maxLength: 10, description: "YYYY-MM-DD" });

export const ConfirmBody = Type.Object(
  {
    deletedAt: Instant,
    method: Text(2000, { minLength: 1, description: "how the data were deleted (e.g. volumes wiped with blkdiscard, mailboxes removed and backups expired)" }),
  },
  { additionalProperties: false },
);

export const HoldBody = Type.Object(
  {
    data: Text(2000, { minLength: 1, description: "what data are kept (e.g. the processor's invoices to the customer)" }),
    legalGround: Line(500, { minLength: 1, description: "the law that obliges keeping them (e.g. art. 52 AWR, seven years)" }),
    capacity: Type.Enum([...HOLD_CAPACITIES], {
      description: "controller: the processor's own records, not customer content; processor: customer data kept for the legal duty only",
    }),
    endsOn: LocalDate,
  },
  { additionalProperties: false },
);

export const ReleaseBody = ConfirmBody;

export const AttachmentForm = Type.Object({
  file: Type.Optional(Type.String({ format: "binary", description: "the sub-processor's confirmation of deletion, at most 10 MB; required" })),
});

export const CertificateQuery = Type.Object({ lang: Type.Optional(Type.Enum(["nl", "en"])) }, { additionalProperties: false });

const Line_ = Type.Object({
  id: Type.String(),
  party: Type.Enum([...DELETION_PARTIES]),
  system: Localized,
  category: Localized,
  deletedAt: NullableInstant,
  method: Type.Union([Type.String(), Type.Null()]),
  confirmedByName: Type.Union([Type.String(), Type.Null()]),
  confirmedAt: NullableInstant,
  attachment: Type.Union([Type.Object({ fileName: Type.String(), sha256: Type.String(), at: Instant }), Type.Null()]),
});

const Hold = Type.Object({
  id: Type.String(),
  data: Type.String(),
  legalGround: Type.String(),
  capacity: Type.Enum([...HOLD_CAPACITIES]),
  endsOn: Type.String(),
  endsAt: Instant,
  ended: Type.Boolean(),
  remindedAt: NullableInstant,
  deletedAt: NullableInstant,
  method: Type.Union([Type.String(), Type.Null()]),
  releasedByName: Type.Union([Type.String(), Type.Null()]),
  createdByName: Type.String(),
});

const Certificate = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  kind: Type.Enum([...CERTIFICATE_KINDS]),
  issuedAt: Instant,
  sha256: Type.String(),
  locale: Type.Enum(["nl", "en"]),
});

const ReturnRequest = Type.Object({ id: Type.String(), status: Type.String(), askedAt: Instant, neededBy: Type.Union([Type.String(), Type.Null()]) });

export const Ending = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  endedAt: Instant,
  source: Type.String(),
  services: Type.Array(Type.String()),
  planDueAt: Instant,
  planOverdue: Type.Boolean(),
  portalClosesAt: Instant,
  portalClosedAt: NullableInstant,
  completedAt: NullableInstant,
  lines: Type.Array(Line_),
  holds: Type.Array(Hold),
  certificates: Type.Array(Certificate),
  returnRequests: Type.Array(ReturnRequest),
  /** Whether the customer may still ask for a return of its data (no line confirmed yet). */
  returnPossible: Type.Boolean(),
});

export const EndingAnswer = Type.Object({ ended: Type.Boolean(), ending: Type.Union([Ending, Type.Null()]) });

export const EndingSummary = Type.Object({
  id: Type.String(),
  controllerId: Type.String(),
  reference: Type.String(),
  customerName: Type.String(),
  customerNumber: Type.String(),
  endedAt: Instant,
  planDueAt: Instant,
  planOverdue: Type.Boolean(),
  lines: Type.Integer(),
  confirmed: Type.Integer(),
  openHolds: Type.Integer(),
  completedAt: NullableInstant,
  portalClosesAt: Instant,
  portalClosedAt: NullableInstant,
});
export const EndingList = Type.Object({ total: Type.Integer(), totalExact: TotalExact, items: Type.Array(EndingSummary), next: NextCursor });

export const EndingListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Enum(["open", "overdue", "completed"], {
        description: "open: the deletion plan not completed; overdue: open past its due date; completed: every line confirmed",
      }),
    ),
    q: Type.Optional(Line(100, { description: "the customer's name or customer number contains it" })),
    ...keysetQuery({ default: 100, maximum: 500 }),
  },
  { additionalProperties: false },
);
