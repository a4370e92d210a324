import { Type, type Static } from "typebox";
import { PHONE_PATTERN } from "../../domain/phone.ts";
import { Int, Line, MAX_INT4, Text } from "../../http/schemas.ts";

// One customer of an import, whatever the format: the JSON import's body items are validated by it
// (Fastify), and every customer read from a CSV file is too (customer-import.ts), so both formats
// accept exactly the same values. Bounds as the customer API's (controllers/schemas.ts).

const NullableLine = (max: number) => Type.Optional(Type.Union([Line(max), Type.Null()]));

/** The largest file an import takes (CSV text or JSON), in bytes. */
export const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;

export const ImportedService = Type.Object(
  { code: Line(100, { minLength: 1 }), monthlyFeeCents: Int(0, MAX_INT4, { description: "euro cents a month" }) },
  { additionalProperties: false },
);

export const ImportedContact = Type.Object(
  {
    role: Type.Enum(["dpo", "privacy_contact"]),
    name: Line(200, { minLength: 2 }),
    email: Line(254),
    phone: Type.Optional(Type.Union([Type.String({ pattern: PHONE_PATTERN, maxLength: 40 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const ImportedCustomer = Type.Object(
  {
    customerNumber: Line(50, { minLength: 1 }),
    name: Line(200, { minLength: 1 }),
    kvk: Type.Optional(Type.Union([Type.String({ pattern: "^[0-9]{8}$", maxLength: 8, description: "8 digits" }), Type.Null()])),
    address: NullableLine(200),
    postalCode: NullableLine(20),
    city: NullableLine(100),
    country: Type.Optional(Type.String({ pattern: "^[A-Z]{2}$", maxLength: 2, description: "ISO 3166-1 alpha-2" })),
    locale: Type.Optional(Type.Enum(["nl", "en"])),
    services: Type.Array(ImportedService, { maxItems: 100 }),
    contact: Type.Optional(Type.Union([ImportedContact, Type.Null()])),
    domains: Type.Optional(
      Type.Array(Line(500, { minLength: 1 }), {
        maxItems: 100,
        description:
          "the domain names it uses (art. 8.1; a URL or e-mail address gives its domain): they replace its list; absent or empty, its names stay as they are",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ImportedCustomer = Static<typeof ImportedCustomer>;

export const ImportQuery = Type.Object(
  {
    dryRun: Type.Boolean({ default: false, description: "validate only; write nothing" }),
    inviteOwners: Type.Boolean({
      default: false,
      description: "invite each new customer's owner at its privacy contact's address (a single-use link by e-mail, 7 days)",
    }),
  },
  { additionalProperties: false },
);

export const ImportJsonBody = Type.Object({ customers: Type.Array(ImportedCustomer, { minItems: 1, maxItems: 100_000 }) }, { additionalProperties: false });

/** The CSV file (UTF-8); its rows are checked one by one, each against ImportedCustomer. */
export const ImportCsvBody = Text(IMPORT_BODY_LIMIT, { minLength: 1 });

export const ImportSummary = Type.Object({
  dryRun: Type.Boolean(),
  customers: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  services: Type.Integer(),
  contacts: Type.Integer(),
  /** Customers whose domain names the import gives (and replaces). */
  domains: Type.Integer(),
  annexVersions: Type.Integer(),
  ownersInvited: Type.Integer(),
  /** Customers whose last service ended with this import: their agreements ended (art. 12.2); 0 in a dry run. */
  agreementsEnded: Type.Integer(),
});
