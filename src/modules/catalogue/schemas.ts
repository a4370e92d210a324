import { Type } from "typebox";
import { Line } from "../../http/schemas.ts";

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
