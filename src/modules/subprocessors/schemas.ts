import { keysetQuery } from "../../http/cursor.ts";
import { Type, type TSchema } from "typebox";
import { TRANSFER_MECHANISMS } from "../../domain/transfers.ts";
import { Instant, Line, Localized, NullableInstant, Offset, Text, Uuid, WebUrl } from "../../http/schemas.ts";

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const LocalizedBody = (max: number) =>
  Type.Object({ nl: Text(max, { minLength: 1 }), en: Text(max, { minLength: 1 }) }, { additionalProperties: false });

export const Mechanism = Type.Enum([...TRANSFER_MECHANISMS], { description: "dpf (EU-US Data Privacy Framework), scc, bcr, art49" });
export const Zone = Type.Enum(["eea", "adequate", "third"]);
export const SubprocessorStatus = Type.Enum(["proposed", "active", "removed"]);
export const ChangeKind = Type.Enum(["add", "replace", "remove", "relocate"]);
export const ChangeStatus = Type.Enum(["announced", "effective", "withdrawn"]);
export const ObjectionStatus = Type.Enum(["open", "withdrawn", "resolved", "customer_leaves"]);

export const LocationBody = Type.Object(
  {
    country: Type.String({ pattern: "^[A-Z]{2}$", maxLength: 2, description: "ISO 3166-1 alpha-2" }),
    city: Nullable(Line(100)),
    mechanism: Nullable(Mechanism),
  },
  { additionalProperties: false },
);

export const SubprocessorBody = Type.Object(
  {
    name: Line(200, { minLength: 1 }),
    activity: LocalizedBody(1000),
    website: Nullable(WebUrl(300, { description: "http:// or https://" })),
    locations: Type.Array(LocationBody, { maxItems: 50 }),
    serviceIds: Type.Array(Uuid, { maxItems: 100 }),
  },
  { additionalProperties: false },
);

export const ServiceRef = Type.Object({ id: Type.String(), code: Type.String(), nl: Type.String(), en: Type.String() });

export const LocationOut = Type.Object({
  country: Type.String(),
  countryName: Localized,
  city: Nullable(Type.String()),
  mechanism: Nullable(Mechanism),
  zone: Zone,
  lawful: Type.Boolean(),
});

export const Subprocessor = Type.Object({
  id: Type.String(),
  name: Type.String(),
  activity: Localized,
  website: Nullable(Type.String()),
  status: SubprocessorStatus,
  locations: Type.Array(LocationOut),
  services: Type.Array(ServiceRef),
  contract: Nullable(Type.Object({ fileName: Type.String(), mediaType: Type.String(), sha256: Type.String(), size: Type.Integer(), uploadedAt: Instant })),
  pendingChangeId: Nullable(Type.String()),
  createdAt: Instant,
  updatedAt: Instant,
});

export const RegisterQuery = Type.Object({ status: Type.Optional(SubprocessorStatus) }, { additionalProperties: false });

export const ContractUploaded = Type.Object({ sha256: Type.String(), size: Type.Integer(), fileName: Type.String(), mediaType: Type.String() });

/** The multipart forms, for the OpenAPI document (the handler reads the parts). */
export const ContractForm = Type.Object({
  file: Type.Optional(Type.String({ format: "binary", description: "the contract (PDF or other), at most 10 MB; required" })),
});

export const AnnounceBody = Type.Object(
  {
    kind: ChangeKind,
    subprocessorId: Uuid,
    replacesId: Type.Optional(Nullable(Uuid)),
    plan: Type.Object(
      {
        serviceIds: Type.Optional(Type.Array(Uuid, { maxItems: 100, description: "add/replace: the services that will use it (default: its current ones)" })),
        locations: Type.Optional(Type.Array(LocationBody, { maxItems: 50, description: "relocate: the locations after the move" })),
      },
      { additionalProperties: false },
    ),
    description: LocalizedBody(5000),
    plannedEffectiveAt: Type.Optional(Nullable(Instant)),
  },
  { additionalProperties: false },
);

export const ChangeListQuery = Type.Object(
  {
    status: Type.Optional(ChangeStatus),
    subprocessorId: Type.Optional(Uuid),
    ...keysetQuery({ default: 50, maximum: 200 }),
  },
  { additionalProperties: false },
);

export const Change = Type.Object({
  id: Type.String(),
  kind: ChangeKind,
  status: ChangeStatus,
  subprocessor: Type.Object({ id: Type.String(), name: Type.String() }),
  replaces: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  plan: Type.Object({ services: Type.Array(ServiceRef), locations: Nullable(Type.Array(LocationOut)) }),
  description: Localized,
  announcedAt: Instant,
  windowClosesAt: Instant,
  effectiveAt: NullableInstant,
  appliedAt: NullableInstant,
  withdrawnAt: NullableInstant,
  withdrawnReason: Nullable(Type.String()),
  /** Staff only; null for customers. */
  affectedCount: Nullable(Type.Integer()),
  objections: Nullable(Type.Object({ total: Type.Integer(), open: Type.Integer() })),
  /** Customers only: their own window and objection. */
  mine: Nullable(
    Type.Object({
      windowEndsAt: Instant,
      windowOpen: Type.Boolean(),
      templateVersion: Nullable(Type.Integer()),
      objection: Nullable(Type.Object({ id: Type.String(), status: ObjectionStatus })),
    }),
  ),
});

export const RecipientsQuery = Type.Object(
  {
    search: Type.Optional(Line(100)),
    objected: Type.Optional(Type.Boolean()),
    read: Type.Optional(Type.Boolean()),
    acknowledged: Type.Optional(Type.Boolean()),
    delivered: Type.Optional(Type.Boolean()),
    offset: Offset,
    ...keysetQuery({ default: 100, maximum: 500 }),
  },
  { additionalProperties: false },
);

export const Recipient = Type.Object({
  controllerId: Type.String(),
  customerNumber: Type.String(),
  name: Type.String(),
  windowEndsAt: Instant,
  windowStatus: Type.String({ description: "open, met (objected), lapsed, cancelled" }),
  templateVersion: Nullable(Type.Integer()),
  delivered: Type.Boolean({ description: "a delivery of its notice was sent (accepted by a mail server or webhook receiver)" }),
  held: Type.Boolean({ description: "an email of its notice is held in the outbox, not sent (no SMTP configured)" }),
  readAt: NullableInstant,
  acknowledgedAt: NullableInstant,
  objection: Nullable(Type.Object({ id: Type.String(), status: ObjectionStatus })),
});

export const WithdrawBody = Type.Object({ reason: Text(2000, { minLength: 1 }) }, { additionalProperties: false });
export const EffectiveDateBody = Type.Object({ effectiveAt: Instant }, { additionalProperties: false });
export const ObjectionBody = Type.Object(
  { reason: Text(10_000, { description: "why you object (art. 5.2: reasoned): a sentence or more, at least 20 characters" }) },
  { additionalProperties: false },
);
export const OutcomeBody = Type.Object(
  { outcome: Type.Enum(["withdrawn", "resolved", "customer_leaves"]), note: Text(5000, { minLength: 1 }) },
  { additionalProperties: false },
);

export const Objection = Type.Object({
  id: Type.String(),
  changeId: Type.String(),
  controllerId: Type.String(),
  customerName: Type.String(),
  reason: Type.String(),
  submittedAt: Instant,
  status: ObjectionStatus,
  outcomeNote: Nullable(Type.String()),
  outcomeAt: NullableInstant,
  windowEndsAt: NullableInstant,
  change: Type.Object({ kind: ChangeKind, status: ChangeStatus, subprocessorName: Type.String() }),
  messageCount: Type.Integer(),
});
export const ObjectionListQuery = Type.Object(
  {
    changeId: Type.Optional(Uuid),
    status: Type.Optional(ObjectionStatus),
    q: Type.Optional(Line(100, { description: "staff: the customer's name or customer number contains it" })),
    ...keysetQuery({ default: 100, maximum: 500 }),
  },
  { additionalProperties: false },
);
/** A change's objections, a page at a time. */
export const ChangeObjectionsQuery = Type.Object(
  { status: Type.Optional(ObjectionStatus), q: ObjectionListQuery.properties.q, ...keysetQuery({ default: 100, maximum: 500 }) },
  { additionalProperties: false },
);

export const TransferParty = Type.Object({
  subprocessorId: Nullable(Type.String({ description: "null: the processor itself" })),
  name: Type.String(),
  city: Nullable(Type.String()),
  mechanism: Nullable(Mechanism),
  lawful: Type.Boolean(),
  reason: Localized,
  services: Type.Array(ServiceRef),
});
export const CountryTransfers = Type.Object({
  country: Type.String(),
  name: Localized,
  zone: Zone,
  lawful: Type.Boolean(),
  services: Type.Array(ServiceRef),
  parties: Type.Array(TransferParty),
});
export const TransferWarning = Type.Object({
  subprocessor: Type.Object({ id: Type.String(), name: Type.String(), status: Type.String() }),
  country: Type.String(),
  countryName: Localized,
  city: Nullable(Type.String()),
  mechanism: Nullable(Mechanism),
  reason: Localized,
  customers: Type.Integer(),
  source: Type.Enum(["register", "announced_change"]),
  changeId: Nullable(Type.String()),
});
