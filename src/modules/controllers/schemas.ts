import { Type } from "typebox";
import { PHONE_PATTERN } from "../../domain/phone.ts";
import { Instant, Int, Line, Localized, NullableInstant, Offset } from "../../http/schemas.ts";
import { Cursor } from "../../http/cursor.ts";

const NullableLine = (max: number) => Type.Union([Line(max), Type.Null()]);
export const AgreementSummaryStatus = Type.Enum(["none", "offered", "signed_by_customer", "in_force", "ended"]);

export const ControllerBody = Type.Object(
  {
    customerNumber: Line(50, { minLength: 1 }),
    name: Line(200, { minLength: 1 }),
    kvk: Type.Union([Type.String({ pattern: "^[0-9]{8}$", maxLength: 8, description: "8 digits" }), Type.Null()]),
    address: NullableLine(200),
    postalCode: NullableLine(20),
    city: NullableLine(100),
    country: Type.String({ pattern: "^[A-Z]{2}$", maxLength: 2, description: "ISO 3166-1 alpha-2" }),
    locale: Type.Enum(["nl", "en"]),
  },
  { additionalProperties: false },
);

export const ListQuery = Type.Object(
  {
    search: Type.Optional(Line(100)),
    status: Type.Optional(AgreementSummaryStatus),
    offset: Offset,
    after: Type.Optional(Cursor),
    limit: Int(1, 200, { default: 50 }),
  },
  { additionalProperties: false },
);

export const ControllerListItem = Type.Object({
  id: Type.String(),
  customerNumber: Type.String(),
  name: Type.String(),
  city: Type.Union([Type.String(), Type.Null()]),
  /** The codes of the services it takes. */
  services: Type.Array(Type.String()),
  /** Those services by name, for people. */
  serviceNames: Type.Array(Localized),
  agreementStatus: AgreementSummaryStatus,
  currentVersion: Type.Union([Type.Integer(), Type.Null()]),
  pendingVersion: Type.Union([Type.Integer(), Type.Null()]),
  effectiveAt: NullableInstant,
});

export const Contact = Type.Object({
  role: Type.Enum(["dpo", "privacy_contact"]),
  name: Type.String(),
  email: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Instant,
  /** Set when notices to this address failed after the last try (art. 4.4); cleared when the contact is changed. */
  failingSince: NullableInstant,
  failingReason: Type.Union([Type.String(), Type.Null()]),
  /** art. 4.4: when the customer last confirmed it (or changed it); null if never. */
  confirmedAt: NullableInstant,
  /** When the customer will next be asked to confirm it; null until scheduled. */
  confirmationDueAt: NullableInstant,
  /** When it was asked in the running cycle (null: not asked since the last confirmation). */
  confirmationRequestedAt: NullableInstant,
  /** The end of the period to confirm; after it the contact is marked stale. */
  confirmationStaleAt: NullableInstant,
  /** Set when the period passed unconfirmed; cleared by a confirmation or a change. */
  staleSince: NullableInstant,
});

export const ContactBody = Type.Object(
  {
    role: Type.Enum(["dpo", "privacy_contact"]),
    name: Line(200, { minLength: 2 }),
    email: Type.String({ format: "email", maxLength: 254 }),
    phone: Type.Union([Type.String({ pattern: PHONE_PATTERN, maxLength: 40, description: "digits, spaces, +, -, ( )" }), Type.Null()]),
  },
  { additionalProperties: false },
);

const ServiceTaken = Type.Object({ code: Type.String(), nameNl: Type.String(), nameEn: Type.String(), monthlyFeeCents: Type.Integer() });

/** A domain name the customer uses (art. 8.1): as stored and matched (punycode), and as people read it. */
export const DomainOut = Type.Object({
  domain: Type.String({ description: "lower case, punycode, without a leading www." }),
  display: Type.String({ description: "the same name in Unicode" }),
});

export const DomainsBody = Type.Object(
  {
    domains: Type.Array(Line(500, { minLength: 1, description: 'a domain name, or a URL or e-mail address with one ("https://www.example.nl/contact")' }), {
      maxItems: 100,
    }),
  },
  { additionalProperties: false },
);

export const ControllerDetail = Type.Object({
  id: Type.String(),
  customerNumber: Type.String(),
  name: Type.String(),
  kvk: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  postalCode: Type.Union([Type.String(), Type.Null()]),
  city: Type.Union([Type.String(), Type.Null()]),
  country: Type.String(),
  locale: Type.Enum(["nl", "en"]),
  services: Type.Array(ServiceTaken),
  contact: Type.Union([Contact, Type.Null()]),
  annexVersion: Type.Union([Type.Integer(), Type.Null()]),
  /** The domain names it uses (art. 8.1), alphabetical. */
  domains: Type.Array(DomainOut),
});

export const ServicesBody = Type.Object(
  {
    services: Type.Array(Type.Object({ code: Line(64, { minLength: 1 }), monthlyFeeCents: Int(0, 100_000_000) }, { additionalProperties: false }), {
      maxItems: 100,
    }),
  },
  { additionalProperties: false },
);

const Labelled = Type.Array(Type.Object({ code: Type.String(), nl: Type.String(), en: Type.String() }));
/** 1E (art. 5, 3.1); absent in versions stored before Annex 1 listed sub-processors. */
const AnnexSubprocessors = Type.Array(
  Type.Object({
    code: Type.String(),
    name: Type.String(),
    activity: Type.Object({ nl: Type.String(), en: Type.String() }),
    locations: Type.Array(
      Type.Object({
        country: Type.String({ description: "ISO 3166-1 alpha-2" }),
        city: Type.Union([Type.String(), Type.Null()]),
        mechanism: Type.Union([Type.Enum(["dpf", "scc", "bcr", "art49"]), Type.Null()]),
      }),
    ),
  }),
);
export const AnnexVersion = Type.Object({
  version: Type.Integer(),
  createdAt: Instant,
  reason: Type.String(),
  content: Type.Object({
    services: Labelled,
    purposes: Labelled,
    dataCategories: Labelled,
    subjectCategories: Labelled,
    subprocessors: Type.Optional(AnnexSubprocessors),
  }),
});

export const EventOut = Type.Object({
  seq: Type.Integer(),
  streamSeq: Type.Integer(),
  occurredAt: Instant,
  type: Type.String(),
  /** The type in words (each module's events.ts). */
  typeLabel: Localized,
  actorLabel: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  prevHash: Type.String(),
  hash: Type.String(),
});
