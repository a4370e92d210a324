import { Type } from "typebox";
import { SUBJECT_REQUEST_OUTCOMES, SUBJECT_REQUEST_SOURCES, SUBJECT_REQUEST_STATUSES, SUBJECT_RIGHTS } from "../../db/schema/index.ts";
import { PHONE_PATTERN } from "../../domain/phone.ts";
import { keysetQuery } from "../../http/cursor.ts";
import { Instant, Line, Localized, NonBlankLine, NullableInstant, Text, Uuid } from "../../http/schemas.ts";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const Right = Type.Enum([...SUBJECT_RIGHTS], { description: "the right invoked (GDPR art. 15–22)" });
const Email = Type.String({ format: "email", maxLength: 254 });
const Phone = Type.String({ pattern: PHONE_PATTERN, maxLength: 20 });

/** What a data subject writes in the public form. Bounded everywhere: the form is open to anyone. */
export const FormBody = Type.Object(
  {
    ticket: Uuid,
    homepage: Line(200, { description: "leave empty (a field hidden from people)" }),
    locale: Type.Enum(["nl", "en"]),
    right: Right,
    name: NonBlankLine(200),
    email: Email,
    phone: Type.Optional(Phone),
    organisation: NonBlankLine(200, { description: "the organisation, website or e-mail domain you think holds your data" }),
    website: Type.Optional(Line(253)),
    message: Text(5000, { minLength: 1 }),
  },
  { additionalProperties: false },
);

export const ConfirmBody = Type.Object(
  // The length in the pattern, not in minLength: a generator of the pattern (the API fuzzer) then makes long enough ones.
  { secret: Type.String({ maxLength: 100, pattern: "^[A-Za-z0-9_-]{20,100}$" }) },
  { additionalProperties: false },
);

/** A request staff record from a letter, a call or an e-mail (multipart, with the original as "files"). */
export const RecordFields = Type.Object(
  {
    source: Type.Enum(SUBJECT_REQUEST_SOURCES.filter((s) => s !== "web_form")),
    right: Right,
    locale: Type.Enum(["nl", "en"]),
    receivedAt: Type.Optional(Instant),
    name: NonBlankLine(200),
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
    organisation: NonBlankLine(200),
    website: Type.Optional(Line(253)),
    message: Text(20_000, { minLength: 1 }),
  },
  { additionalProperties: false },
);

export const ForwardBody = Type.Object(
  { controllerId: Uuid, tellRequester: Type.Boolean({ description: "tell the requester it went to the organisation responsible (art. 8.1)" }) },
  { additionalProperties: false },
);
export const NotOursBody = Type.Object({ tellRequester: Type.Boolean() }, { additionalProperties: false });
export const OutcomeBody = Type.Object({ outcome: Type.Enum([...SUBJECT_REQUEST_OUTCOMES]), note: Text(5000) }, { additionalProperties: false });
export const ListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum([...SUBJECT_REQUEST_STATUSES])),
    q: Type.Optional(Line(100, { description: "the request's reference (B-2026-0007, or its number), or the customer's name or customer number contains it" })),
    ...keysetQuery({ default: 100, maximum: 500 }),
  },
  { additionalProperties: false },
);

export const Content = Type.Object({
  name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  organisation: Type.String(),
  website: Nullable(Type.String()),
  message: Type.String(),
});

export const RequestSummary = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  source: Type.Enum([...SUBJECT_REQUEST_SOURCES]),
  sourceLabel: Localized,
  right: Right,
  rightLabel: Localized,
  status: Type.Enum([...SUBJECT_REQUEST_STATUSES]),
  receivedAt: Instant,
  dueAt: NullableInstant,
  /** The duty to forward: running, overdue, met_in_time, met_late. */
  clock: Type.Enum(["running", "overdue", "met_in_time", "met_late", "none"]),
  controllerId: Nullable(Type.String()),
  customerName: Nullable(Type.String()),
  forwardedAt: NullableInstant,
  outcome: Nullable(Type.Enum([...SUBJECT_REQUEST_OUTCOMES])),
  outcomeLabel: Nullable(Localized),
  closedAt: NullableInstant,
  eraseAfter: NullableInstant,
  erasedAt: NullableInstant,
});

export const RequestDetail = Type.Object({
  ...RequestSummary.properties,
  locale: Type.Enum(["nl", "en"]),
  requesterTold: Type.Boolean(),
  outcomeNote: Nullable(Type.String()),
  contentSha256: Type.String(),
  /** Null once erased. */
  content: Nullable(Content),
  files: Type.Array(Type.Object({ id: Type.String(), fileName: Type.String(), mediaType: Type.String(), size: Type.Integer(), sha256: Type.String() })),
  /** Staff: the customers the request's domain names point to (art. 8.1, finding the customer). */
  proposals: Type.Array(Type.Object({ controllerId: Type.String(), name: Type.String(), customerNumber: Type.String(), domain: Type.String() })),
});

export const TicketOut = Type.Object({ ticket: Type.String(), minSeconds: Type.Integer() });
export const SubmittedOut = Type.Object({ reference: Type.String(), confirmBy: Instant });
export const ConfirmedOut = Type.Object({ reference: Type.String() });
