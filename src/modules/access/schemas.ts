import { Cursor, NextCursor, TotalExact } from "../../http/cursor.ts";
import { Type } from "typebox";
import { Instant, Int, Line, Localized, Offset, Text, Uuid } from "../../http/schemas.ts";
import { REASON_MIN_LENGTH } from "./break-glass.ts";

export const Statement = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  text: Localized,
  note: Type.Union([Type.String(), Type.Null()]),
  sha256: Type.String(),
  publishedAt: Type.String({ format: "date-time" }),
  publishedBy: Type.String(),
});

export const MyStatement = Type.Object({
  statement: Statement,
  /** When the caller confirmed this version, or null: then customer data stays closed to them. */
  confirmedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});

export const ConfirmBody = Type.Object(
  { version: Int(1, 1_000_000, { description: "the version read (GET /confidentiality-statement)" }) },
  { additionalProperties: false },
);
export const Confirmation = Type.Object({ version: Type.Integer(), confirmedAt: Type.String({ format: "date-time" }) });

export const PublishBody = Type.Object(
  {
    text: Type.Object({ nl: Text(20_000, { minLength: 1 }), en: Text(20_000, { minLength: 1 }) }, { additionalProperties: false }),
    note: Type.Optional(Type.Union([Line(500), Type.Null()])),
  },
  { additionalProperties: false },
);

export const StatementVersions = Type.Object({
  versions: Type.Array(Type.Object({ ...Statement.properties, confirmations: Type.Integer() })),
  staff: Type.Array(
    Type.Object({
      userId: Uuid,
      name: Type.String(),
      email: Type.String(),
      staffRole: Type.String(),
      /** The newest version they confirmed, or null. */
      version: Type.Union([Type.Integer(), Type.Null()]),
      confirmedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
      current: Type.Boolean(),
    }),
  ),
});

export const BreakGlassBody = Type.Object(
  { reason: Text(2000, { minLength: 1, description: `why you must open this customer (at least ${REASON_MIN_LENGTH} characters)` }) },
  { additionalProperties: false },
);
export const Grant = Type.Object({
  id: Uuid,
  controllerId: Uuid,
  reason: Type.String(),
  grantedAt: Type.String({ format: "date-time" }),
  expiresAt: Type.String({ format: "date-time" }),
});

export const AccessLogQuery = Type.Object(
  {
    controllerId: Type.Optional(Uuid),
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
    offset: Type.Optional(Offset),
    limit: Type.Optional(Int(1, 500, { default: 100 })),
    after: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export const AccessLogExportQuery = Type.Object(
  { controllerId: Type.Optional(Uuid), from: Type.Optional(Instant), to: Type.Optional(Instant) },
  { additionalProperties: false },
);

export const AccessLogEntry = Type.Object({
  id: Uuid,
  controllerId: Uuid,
  customerName: Type.String(),
  customerNumber: Type.String(),
  /** The staff member's name as it was, and their role. */
  userName: Type.String(),
  staffRole: Type.String(),
  roleLabel: Localized,
  what: Type.String(),
  whatLabel: Localized,
  recordId: Uuid,
  why: Type.Union([Type.Literal("role"), Type.Literal("assignment"), Type.Literal("break_glass")]),
  whyLabel: Localized,
  /** The break-glass reason, when that is why. */
  reason: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ format: "date-time" }),
});
export const AccessLogPage = Type.Object({ total: Type.Integer(), totalExact: TotalExact, items: Type.Array(AccessLogEntry), next: NextCursor });
