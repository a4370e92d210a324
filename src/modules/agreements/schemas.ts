import { Type } from "typebox";
import { AGREEMENT_STATUSES } from "../../db/schema/index.ts";
import { keysetQuery } from "../../http/cursor.ts";
import { Instant, Int, Line, MAX_INT4, NonBlankLine, NullableInstant, Offset, Text, Uuid } from "../../http/schemas.ts";

export const AgreementStatus = Type.Enum([...AGREEMENT_STATUSES]);

export const Signature = Type.Object({
  party: Type.Enum(["controller", "processor"]),
  method: Type.Enum(["user", "policy"]),
  typedName: Type.String(),
  function: Type.String(),
  signedAt: Instant,
  ip: Type.Union([Type.String(), Type.Null()]),
  /** How `ip` is known: the connection itself, or a configured proxy's X-Forwarded-For; null for signatures recorded before this was kept. */
  ipSource: Type.Union([Type.Enum(["socket", "forwarded"]), Type.Null()]),
  /** The proxy that forwarded the request, when ipSource is "forwarded". */
  proxyIp: Type.Union([Type.String(), Type.Null()]),
  documentSha256: Type.String(),
});

export const Agreement = Type.Object({
  id: Type.String(),
  controllerId: Type.String(),
  controllerName: Type.String(),
  templateVersion: Type.Integer(),
  annexVersion: Type.Integer(),
  annex2Version: Type.Union([Type.Integer(), Type.Null()], { description: "the Annex 2 version signed (art. 7.1); null before signing" }),
  locale: Type.Enum(["nl", "en"]),
  status: AgreementStatus,
  offeredAt: Instant,
  customerSignedAt: NullableInstant,
  processorSignedAt: NullableInstant,
  effectiveAt: NullableInstant,
  supersededAt: NullableInstant,
  documentSha256: Type.Union([Type.String(), Type.Null()]),
  signatures: Type.Array(Signature),
});

export const AgreementListQuery = Type.Object(
  {
    status: Type.Optional(AgreementStatus),
    controllerId: Type.Optional(Uuid),
    q: Type.Optional(Line(100, { description: "the customer's name or customer number contains it" })),
    offset: Offset,
    ...keysetQuery({ default: 100, maximum: 500 }),
  },
  { additionalProperties: false },
);

export const DocumentOut = Type.Object({ sha256: Type.String(), html: Type.String() });

export const SignBody = Type.Object(
  {
    typedName: NonBlankLine(200, { minLength: 2 }),
    function: NonBlankLine(200, { minLength: 2 }),
    consent: Type.Literal(true, { description: "must be true: the signer agrees to the consent text" }),
    documentSha256: Type.String({ pattern: "^[0-9a-f]{64}$", maxLength: 64 }),
  },
  { additionalProperties: false },
);

export const CountersignBody = Type.Object(
  {
    typedName: NonBlankLine(200, { minLength: 2 }),
    function: NonBlankLine(200, { minLength: 2 }),
  },
  { additionalProperties: false },
);

const Clocks = Type.Object(
  {
    breachNoticeHours: Int(1, 720),
    subprocessorObjectionDays: Int(1, 365),
    measuresAnswerDays: Int(1, 365),
    auditNoticeDays: Int(1, 365),
    auditInformationDays: Int(1, 365),
    disclosureNoticeHours: Int(1, 720),
    defaultNoticeHours: Int(1, 720),
    claimLapseMonths: Int(1, 120),
    deletionPlanDays: Int(1, 365),
    portalReadableDays: Int(1, 3650),
  },
  { additionalProperties: false },
);
export const TemplateParametersSchema = Type.Object(
  {
    clocks: Clocks,
    law: Type.Object(
      { governingLaw: Type.Object({ nl: Line(500, { minLength: 1 }), en: Line(500, { minLength: 1 }) }, { additionalProperties: false }) },
      { additionalProperties: false },
    ),
    /**
     * Reminders to sign an offered version (signing-reminders.ts): calendar days after the offer; 7, 14 and 30 when absent.
     * The yearly confirmation of the privacy contact (art. 4.4, modules/contacts): months after the last confirmation
     * (12), calendar days to the reminder (14) and until the contact is marked stale (30) when absent.
     */
    reminders: Type.Optional(
      Type.Object(
        {
          signingReminderDays: Type.Optional(Type.Array(Int(1, 365), { minItems: 1, maxItems: 10 })),
          contactConfirmationMonths: Type.Optional(Int(1, 120)),
          contactReminderDays: Type.Optional(Int(1, 365)),
          contactStaleDays: Type.Optional(Int(1, 365)),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const TemplateSummary = Type.Object({
  version: Type.Integer(),
  publishedAt: Instant,
  notes: Type.String(),
  parameters: TemplateParametersSchema,
  offered: Type.Integer(),
  signed: Type.Integer(),
  inForce: Type.Integer(),
});

export const TemplateDetail = Type.Object({ ...TemplateSummary.properties, texts: Type.Object({ nl: Type.Unknown(), en: Type.Unknown() }) });

/** A template text as a request carries it (its rules, placeholders included, are checked by validateTemplateText). */
const TemplateTextBody = Type.Object(
  {
    locale: Type.Enum(["nl", "en"]),
    title: Line(300),
    intro: Type.Array(Text(20_000), { maxItems: 100 }),
    recitalsHeading: Line(300),
    recitals: Type.Array(Text(20_000), { maxItems: 100 }),
    articles: Type.Array(
      Type.Object(
        {
          number: Line(20),
          title: Line(300),
          clauses: Type.Array(Type.Object({ number: Line(20), text: Text(20_000) }, { additionalProperties: false }), { maxItems: 200 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);

export const PublishBody = Type.Object(
  {
    texts: Type.Object({ nl: TemplateTextBody, en: TemplateTextBody }, { additionalProperties: false }),
    parameters: TemplateParametersSchema,
    notes: Text(2000),
    offer: Type.Boolean({ description: "offer the new version to every customer at once" }),
  },
  { additionalProperties: false },
);

export const VersionParams = Type.Object({ version: Int(1, MAX_INT4) });

export const LanguageBody = Type.Object({ locale: Type.Enum(["nl", "en"]) }, { additionalProperties: false });
