import { Type } from "typebox";
import { Int, Line, NonBlankLine, NullableInstant, Uuid } from "../../http/schemas.ts";
import { RECOVERY_CODE_PATTERN } from "./recovery-codes.ts";
import { SECRET_PATTERN } from "./account-links.ts";
import { PASSWORD_MAX_LENGTH } from "../../domain/password-limits.ts";
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
  /** False for a user who signs in only through single sign-on: its step-up goes through the issuer. */
  hasPassword: Type.Boolean(),
  /** The configured issuer this user signs in through (GET /auth/oidc/start?provider=…&stepUp=1), or null. */
  ssoProvider: Type.Union([Type.Literal("customer"), Type.Literal("staff"), Type.Null()]),
  csrfToken: Type.String(),
});

export const LoginBody = Type.Object(
  {
    email: Email,
    password: Line(200, { minLength: 1 }),
    totpCode: Type.Optional(Type.String({ pattern: "^[0-9]{6}$", maxLength: 6 })),
    /** In place of totpCode: one of the account's recovery codes (spent). */
    recoveryCode: Type.Optional(Type.String({ pattern: RECOVERY_CODE_PATTERN, maxLength: 16 })),
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

export const RecoveryCodes = Type.Object({ codes: Type.Array(Type.String()) });
export const RecoveryCodesLeft = Type.Object({ totpEnabled: Type.Boolean(), left: Type.Integer() });

const Locale = Type.Union([Type.Literal("nl"), Type.Literal("en")]);
const CustomerRoleSchema = Type.Enum([...CUSTOMER_ROLES]);
const StaffRoleSchema = Type.Enum([...STAFF_ROLES]);
/** A new password: the policy (domain/password-policy.ts) judges it; the schema only bounds it. */
const NewPassword = Line(PASSWORD_MAX_LENGTH, { minLength: 1 });
const Secret = Type.String({ pattern: SECRET_PATTERN, maxLength: 43 });

export const UserInfo = Type.Object({
  id: Uuid,
  name: Type.String(),
  email: Type.String(),
  locale: Locale,
  kind: Type.Union([Type.Literal("staff"), Type.Literal("customer")]),
  role: Type.String(),
  /** invited: no password yet; deactivated: refused at once. */
  status: Type.Union([Type.Literal("invited"), Type.Literal("active"), Type.Literal("deactivated")]),
  /** The open invitation's end; null when there is none (accepted, or expired: resend it). */
  invitationExpiresAt: NullableInstant,
  totpEnabled: Type.Boolean(),
  createdAt: Type.String({ format: "date-time" }),
});

export const InviteCustomerUserBody = Type.Object(
  { name: NonBlankLine(200, { minLength: 1 }), email: Email, role: CustomerRoleSchema, locale: Locale },
  { additionalProperties: false },
);
export const InviteStaffBody = Type.Object(
  { name: NonBlankLine(200, { minLength: 1 }), email: Email, role: StaffRoleSchema, locale: Locale },
  { additionalProperties: false },
);
export const ChangeRoleBody = Type.Object({ role: Type.Union([CustomerRoleSchema, StaffRoleSchema]) }, { additionalProperties: false });

export const SessionInfo = Type.Object({
  id: Uuid,
  createdAt: Type.String({ format: "date-time" }),
  lastSeenAt: NullableInstant,
  /** e.g. "Chromium on Linux"; null when the browser did not say. */
  browser: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean(),
});

export const PasswordResetBody = Type.Object({ email: Email }, { additionalProperties: false });
export const SetPasswordBody = Type.Object({ secret: Secret, password: NewPassword }, { additionalProperties: false });
export const InspectLinkBody = Type.Object(
  { secret: Secret, purpose: Type.Union([Type.Literal("invitation"), Type.Literal("password_reset")]) },
  { additionalProperties: false },
);
export const LinkInfoSchema = Type.Object({
  purpose: Type.Union([Type.Literal("invitation"), Type.Literal("password_reset")]),
  name: Type.String(),
  email: Type.String(),
  locale: Locale,
  expiresAt: Type.String({ format: "date-time" }),
});
export const ChangePasswordBody = Type.Object({ currentPassword: Line(200, { minLength: 1 }), newPassword: NewPassword }, { additionalProperties: false });
