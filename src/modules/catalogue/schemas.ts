import { Type } from "typebox";
import { Line, NullableInstant, Text } from "../../http/schemas.ts";

const Code = Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,62}$", maxLength: 63, description: "lower-case letters, digits and dashes" });
const Label = Line(300, { minLength: 1 });
const Codes = Type.Array(Code, { maxItems: 100, uniqueItems: true });

export const Term = Type.Object({ id: Type.String(), code: Type.String(), labelNl: Type.String(), labelEn: Type.String() });
export const Service = Type.Object({
  id: Type.String(),
  code: Type.String(),
  nameNl: Type.String(),
  nameEn: Type.String(),
  active: Type.Boolean(),
  purposes: Type.Array(Type.String()),
  dataCategories: Type.Array(Type.String()),
  subjectCategories: Type.Array(Type.String()),
});
export const Catalogue = Type.Object({
  purposes: Type.Array(Term),
  dataCategories: Type.Array(Term),
  subjectCategories: Type.Array(Term),
  services: Type.Array(Service),
});

export const ServiceBody = Type.Object(
  {
    nameNl: Label,
    nameEn: Label,
    active: Type.Boolean(),
    purposes: Codes,
    dataCategories: Codes,
    subjectCategories: Codes,
  },
  { additionalProperties: false },
);
export const NewServiceBody = Type.Object(
  { code: Code, nameNl: Label, nameEn: Label, active: Type.Boolean(), purposes: Codes, dataCategories: Codes, subjectCategories: Codes },
  { additionalProperties: false },
);

const MeasureStatus = Type.Enum(["implemented", "planned", "retired"]);
export const Measure = Type.Object({
  id: Type.String(),
  code: Type.String(),
  categoryNl: Type.String(),
  categoryEn: Type.String(),
  titleNl: Type.String(),
  titleEn: Type.String(),
  descriptionNl: Type.String(),
  descriptionEn: Type.String(),
  owner: Type.Union([Type.String(), Type.Null()]),
  status: MeasureStatus,
  lastReviewedAt: NullableInstant,
});
export const MeasureBody = Type.Object(
  {
    code: Code,
    categoryNl: Label,
    categoryEn: Label,
    titleNl: Label,
    titleEn: Label,
    descriptionNl: Text(4000, { minLength: 1 }),
    descriptionEn: Text(4000, { minLength: 1 }),
    owner: Type.Union([Line(200), Type.Null()]),
    status: MeasureStatus,
    lastReviewedAt: NullableInstant,
  },
  { additionalProperties: false },
);
