import { Type } from "typebox";
import { Int, Line, Uuid } from "../../http/schemas.ts";
import { CUSTOMER_ROLES, STAFF_ROLES } from "../../db/schema/index.ts";

export const Email = Type.String({ format: "email", maxLength: 254 });

export const Me = Type.Object({
  id: Uuid,
  name: Type.String(),
  email: Type.String(),
  locale: Type.Union([Type.Literal("nl"), Type.Literal("en")]),
  kind: Type.Union([Type.Literal("staff"), Type.Literal("customer")]),
  staffRole: Type.Union([Type.Enum([...STAFF_ROLES]), Type.Null()]),
  customerRole: Type.Union([Type.Enum([...CUSTOMER_ROLES]), Type.Null()]),
  controllerId: Type.Union([Uuid, Type.Null()]),
  totpEnabled: Type.Boolean(),
  csrfToken: Type.String(),
});

export const LoginBody = Type.Object(
  {
    email: Email,
    password: Line(200, { minLength: 1 }),
    totpCode: Type.Optional(Type.String({ pattern: "^[0-9]{6}$", maxLength: 6 })),
  },
  { additionalProperties: false },
);

export const StepUpBody = Type.Object(
  {
    password: Line(200, { minLength: 1 }),
    totpCode: Type.Optional(Type.String({ pattern: "^[0-9]{6}$", maxLength: 6 })),
  },
  { additionalProperties: false },
);

export const TotpCode = Type.Object({ code: Type.String({ pattern: "^[0-9]{6}$", maxLength: 6 }) }, { additionalProperties: false });

export const TokenInfo = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String({ format: "date-time" }),
  lastUsedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  expiresAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});

export const CreateTokenBody = Type.Object(
  {
    name: Line(100, { minLength: 1 }),
    expiresInDays: Type.Optional(Int(1, 730)),
  },
  { additionalProperties: false },
);
