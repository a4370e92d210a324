import { Type } from "typebox";
import { AGREEMENT_STATUSES } from "../../db/schema/index.ts";
import { Instant, NullableInstant } from "../../http/schemas.ts";

export const AgreementStatus = Type.Enum([...AGREEMENT_STATUSES]);

export const Signature = Type.Object({
  party: Type.Enum(["controller", "processor"]),
  method: Type.Enum(["user", "policy"]),
  typedName: Type.String(),
  function: Type.String(),
  signedAt: Instant,
  ip: Type.Union([Type.String(), Type.Null()]),
  documentSha256: Type.String(),
});

export const Agreement = Type.Object({
  id: Type.String(),
  controllerId: Type.String(),
  controllerName: Type.String(),
  templateVersion: Type.Integer(),
  annexVersion: Type.Integer(),
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
    controllerId: Type.Optional(Type.String({ format: "uuid" })),
    offset: Type.Integer({ minimum: 0, default: 0 }),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

export const DocumentOut = Type.Object({ sha256: Type.String(), html: Type.String() });

export const SignBody = Type.Object(
  {
    typedName: Type.String({ minLength: 2, maxLength: 200, pattern: "\\S" }),
    function: Type.String({ minLength: 2, maxLength: 200, pattern: "\\S" }),
    consent: Type.Literal(true, { description: "must be true: the signer agrees to the consent text" }),
    documentSha256: Type.String({ pattern: "^[0-9a-f]{64}$" }),
  },
  { additionalProperties: false },
);

export const CountersignBody = Type.Object(
  {
    typedName: Type.String({ minLength: 2, maxLength: 200, pattern: "\\S" }),
    function: Type.String({ minLength: 2, maxLength: 200, pattern: "\\S" }),
  },
  { additionalProperties: false },
);

const Clocks = Type.Object(
  {
    breachNoticeHours: Type.Integer({ minimum: 1, maximum: 720 }),
    subprocessorObjectionDays: Type.Integer({ minimum: 1, maximum: 365 }),
    measuresAnswerDays: Type.Integer({ minimum: 1, maximum: 365 }),
    auditNoticeDays: Type.Integer({ minimum: 1, maximum: 365 }),
    auditInformationDays: Type.Integer({ minimum: 1, maximum: 365 }),
    disclosureNoticeHours: Type.Integer({ minimum: 1, maximum: 720 }),
    defaultNoticeHours: Type.Integer({ minimum: 1, maximum: 720 }),
    claimLapseMonths: Type.Integer({ minimum: 1, maximum: 120 }),
  },
  { additionalProperties: false },
);
export const TemplateParametersSchema = Type.Object(
  {
    clocks: Clocks,
    law: Type.Object(
      { governingLaw: Type.Object({ nl: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) }, { additionalProperties: false }) },
      { additionalProperties: false },
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

export const PublishBody = Type.Object(
  {
    texts: Type.Object({ nl: Type.Unknown(), en: Type.Unknown() }, { additionalProperties: false }),
    parameters: TemplateParametersSchema,
    notes: Type.String({ maxLength: 2000 }),
    offer: Type.Boolean({ description: "offer the new version to every customer at once" }),
  },
  { additionalProperties: false },
);

export const VersionParams = Type.Object({ version: Type.Integer({ minimum: 1 }) });

export const LanguageBody = Type.Object({ locale: Type.Enum(["nl", "en"]) }, { additionalProperties: false });
