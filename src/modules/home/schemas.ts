import { Type } from "typebox";
import { NonBlankLine, Uuid } from "../../http/schemas.ts";

const At = Type.String({ format: "date-time" });
const NullableAt = Type.Union([At, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });

export const HomeItemOut = Type.Object({
  kind: Type.Enum([
    "ap_clock",
    "sign_agreement",
    "objection_window",
    "case_estimate",
    "acknowledge",
    "contact_missing",
    "contact_failing",
    "contact_stale",
    "contact_confirm",
  ]),
  id: Uuid,
  urgency: Type.Enum(["urgent", "action", "info"]),
  title: Type.String(),
  detail: Type.String(),
  /** Why a clock started when it did (the AP clock: "the notice reached you on … at …"). */
  reason: Type.Union([Type.String(), Type.Null()]),
  startedAt: NullableAt,
  dueAt: NullableAt,
  /** The due instant in the processor's zone with its offset. */
  dueLocal: Type.Union([Type.String(), Type.Null()]),
  /** Milliseconds until due (or since, when overdue); null without a deadline. */
  remainingMs: Type.Union([Type.Integer(), Type.Null()]),
  overdue: Type.Boolean(),
  /** Where it is handled in the portal. */
  href: Type.String(),
});

export const CustomerHomeOut = Type.Object({
  items: Type.Array(HomeItemOut),
  badges: Type.Object({ breaches: Count, notices: Count, subprocessors: Count }),
});

const DutyOut = Type.Object({
  id: Uuid,
  controllerId: Type.Union([Uuid, Type.Null()]),
  customerName: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  title: Type.String(),
  dueAt: At,
  dueLocal: Type.String(),
  remainingMs: Type.Integer(),
  overdue: Type.Boolean(),
});

export const StaffHomeOut = Type.Object({
  countersign: Type.Object({
    total: Count,
    items: Type.Array(
      Type.Object({
        id: Uuid,
        controllerId: Uuid,
        customerName: Type.String(),
        customerNumber: Type.String(),
        templateVersion: Type.Integer(),
        customerSignedAt: At,
      }),
    ),
  }),
  unsigned: Type.Object({ customers: Count, oldestOfferedAt: NullableAt }),
  duties: Type.Object({ overdue: Type.Array(DutyOut), dueSoon: Type.Array(DutyOut), dueSoonDays: Type.Integer() }),
  unread: Type.Object({ objections: Count, messages: Count, objectionsSeenAt: NullableAt, messagesSeenAt: NullableAt }),
  newObjections: Type.Array(
    Type.Object({ id: Uuid, changeId: Uuid, controllerId: Uuid, customerName: Type.String(), subprocessorName: Type.String(), submittedAt: At }),
  ),
  newMessages: Type.Array(
    Type.Object({ id: Uuid, objectionId: Uuid, changeId: Uuid, controllerId: Uuid, customerName: Type.String(), authorName: Type.String(), createdAt: At }),
  ),
  breachUnnotified: Type.Array(
    Type.Object({
      incidentId: Uuid,
      incidentReference: Type.String(),
      incidentTitle: Type.String(),
      controllerId: Uuid,
      customerName: Type.String(),
      dueAt: NullableAt,
      dueLocal: Type.Union([Type.String(), Type.Null()]),
      overdue: Type.Boolean(),
    }),
  ),
  failingContacts: Type.Array(
    Type.Object({ controllerId: Uuid, customerName: Type.String(), email: Type.String(), failingSince: At, reason: Type.Union([Type.String(), Type.Null()]) }),
  ),
  /** Privacy contacts not confirmed in time (art. 4.4): the list is GET /contacts?state=stale. */
  staleContacts: Count,
  delivery: Type.Object({ failed: Count, held: Count, oldestHeldAt: NullableAt }),
  charts: Type.Object({
    signedOverTime: Type.Array(Type.Object({ period: Type.String(), at: At, customers: Count, signed: Count, percent: Type.Number() })),
    deadlinesPerWeek: Type.Array(Type.Object({ weekStart: Type.String(), inTime: Count, late: Count, missed: Count, pending: Count })),
  }),
});

export const BadgesOut = Type.Object({
  breaches: Count,
  notices: Count,
  subprocessors: Count,
  objections: Count,
  messages: Count,
  countersign: Count,
});

export const SeenBody = Type.Object({ topic: Type.Enum(["objections", "messages"]) }, { additionalProperties: false });

export const BulkCountersignBody = Type.Object(
  {
    ids: Type.Array(Uuid, { minItems: 1, maxItems: 500, description: "the agreements to countersign" }),
    typedName: NonBlankLine(200, { minLength: 2 }),
    function: NonBlankLine(200, { minLength: 2 }),
  },
  { additionalProperties: false },
);

export const BulkCountersignOut = Type.Object({
  countersigned: Count,
  results: Type.Array(
    Type.Object({
      id: Uuid,
      outcome: Type.Enum(["countersigned", "not_countersignable", "not_found"]),
      status: Type.Union([Type.String(), Type.Null()]),
      controllerId: Type.Union([Uuid, Type.Null()]),
      customerName: Type.Union([Type.String(), Type.Null()]),
      message: Type.String(),
    }),
  ),
});
