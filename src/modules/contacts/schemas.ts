import { Type } from "typebox";
import { keysetQuery, NextCursor, TotalExact } from "../../http/cursor.ts";
import { Instant, Line, NullableInstant } from "../../http/schemas.ts";

/** "Still correct": the version of the contact the person saw (its updatedAt), so a contact changed since is not confirmed unseen. */
export const ConfirmBody = Type.Object({ updatedAt: Instant }, { additionalProperties: false });

export const AttentionQuery = Type.Object(
  {
    state: Type.Optional(
      Type.Enum(["attention", "stale", "failing", "awaiting"], {
        description: "attention (default): stale or failing; stale: not confirmed in time; failing: e-mail bounced; awaiting: asked, not yet stale",
      }),
    ),
    search: Type.Optional(Line(100, { description: "the customer's name or number, or the contact's name or address, contains it" })),
    ...keysetQuery({ default: 50, maximum: 200 }),
  },
  { additionalProperties: false },
);

export const AttentionItem = Type.Object({
  controllerId: Type.String({ format: "uuid" }),
  customerNumber: Type.String(),
  customerName: Type.String(),
  role: Type.Enum(["dpo", "privacy_contact"]),
  name: Type.String(),
  email: Type.String(),
  lastConfirmedAt: Instant,
  requestedAt: NullableInstant,
  remindedAt: NullableInstant,
  staleAt: NullableInstant,
  staleSince: NullableInstant,
  /** Whole days since it was marked stale; null when not stale. */
  staleDays: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  failingSince: NullableInstant,
  failingReason: Type.Union([Type.String(), Type.Null()]),
  /** Whole days since e-mail to it started failing; null when not failing. */
  failingDays: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
});

export const AttentionList = Type.Object({ total: Type.Integer(), totalExact: TotalExact, items: Type.Array(AttentionItem), next: NextCursor });
