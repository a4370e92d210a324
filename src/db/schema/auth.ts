import { check, index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { createdAt, id, instant } from "./columns.ts";
import { controllers } from "./controllers.ts";

export const STAFF_ROLES = ["admin", "privacy_officer", "security_officer", "support", "auditor"] as const;
export const CUSTOMER_ROLES = ["owner", "privacy_contact", "viewer"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type CustomerRole = (typeof CUSTOMER_ROLES)[number];

/** A person who logs in: processor staff, or a user of exactly one controller. */
export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    /** argon2id; null for a user who has not set one yet (invited) or signs in only through single sign-on. */
    passwordHash: text("password_hash"),
    /** When the password was last set: a reset or change ends every session started before it. */
    passwordChangedAt: instant("password_changed_at"),
    kind: text("kind").$type<"staff" | "customer">().notNull(),
    staffRole: text("staff_role").$type<StaffRole>(),
    controllerId: uuid("controller_id").references(() => controllers.id, { onDelete: "cascade" }),
    customerRole: text("customer_role").$type<CustomerRole>(),
    locale: text("locale").$type<"nl" | "en">().notNull().default("nl"),
    totpSecret: text("totp_secret"),
    totpEnabledAt: instant("totp_enabled_at"),
    /** A secret being enrolled (POST /auth/totp/setup): it replaces totpSecret only once a code from it is confirmed. */
    totpPendingSecret: text("totp_pending_secret"),
    /** art. 2.3: staff acknowledged their duty of confidentiality. */
    confidentialityAckAt: instant("confidentiality_ack_at"),
    createdAt: createdAt(),
    disabledAt: instant("disabled_at"),
  },
  (t) => [
    check(
      "users_kind_shape",
      sql`(${t.kind} = 'staff' AND ${t.staffRole} IS NOT NULL AND ${t.controllerId} IS NULL AND ${t.customerRole} IS NULL)
       OR (${t.kind} = 'customer' AND ${t.staffRole} IS NULL AND ${t.controllerId} IS NOT NULL AND ${t.customerRole} IS NOT NULL)`,
    ),
    index("users_controller").on(t.controllerId),
  ],
);

/** art. 9.1 need-to-know: support staff see only the controllers assigned to them. */
export const supportAssignments = pgTable(
  "support_assignments",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    controllerId: uuid("controller_id")
      .notNull()
      .references(() => controllers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.controllerId] })],
);

/** Server-side sessions (@fastify/session store). `sid` is the SHA-256 of the cookie's id; `id` names the session to its user (list, revoke). */
export const sessions = pgTable(
  "sessions",
  {
    sid: text("sid").primaryKey(),
    id: uuid("id").notNull().unique().defaultRandom(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    expiresAt: instant("expires_at").notNull(),
    createdAt: createdAt(),
    lastSeenAt: instant("last_seen_at"),
    /** The browser that started it, as its User-Agent said (shown to the user in their sessions list). */
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/**
 * Single-use links sent by e-mail: an invitation to set a first password, or a password reset. Only the
 * SHA-256 of the secret is stored; a link is spent once (used_at) and is refused after expires_at.
 */
export const ACCOUNT_LINK_PURPOSES = ["invitation", "password_reset"] as const;
export type AccountLinkPurpose = (typeof ACCOUNT_LINK_PURPOSES)[number];
export const accountLinks = pgTable(
  "account_links",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The user's controller (null for staff), for row-level security. */
    controllerId: uuid("controller_id").references(() => controllers.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<AccountLinkPurpose>().notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: instant("expires_at").notNull(),
    usedAt: instant("used_at"),
  },
  (t) => [index("account_links_user").on(t.userId)],
);

/** TOTP recovery codes: each one's argon2id hash, spent once. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: createdAt(),
    usedAt: instant("used_at"),
  },
  (t) => [index("recovery_codes_user").on(t.userId)],
);

/** Single sign-on: the OpenID Connect identity (issuer + subject) a user signs in with. */
export const userIdentities = pgTable(
  "user_identities",
  {
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastLoginAt: instant("last_login_at"),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index("user_identities_user").on(t.userId)],
);

/** API tokens for integrations; only their SHA-256 is stored. A token acts as its user. */
export const apiTokens = pgTable("api_tokens", {
  id: id(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  prefix: text("prefix").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
  lastUsedAt: instant("last_used_at"),
  expiresAt: instant("expires_at"),
  revokedAt: instant("revoked_at"),
});

/**
 * Failed logins per account (the address typed, lower-cased, whether or not such a user exists), so
 * the limit holds across restarts and processes: after LOGIN_POLICY.maxFailures failures within the
 * window the account is locked until locked_until, each further lockout twice as long.
 */
export const loginThrottles = pgTable("login_throttles", {
  email: text("email").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: instant("window_started_at").notNull(),
  lastFailureAt: instant("last_failure_at").notNull(),
  lockouts: integer("lockouts").notNull().default(0),
  lockedUntil: instant("locked_until"),
});

/**
 * What a user has seen of a stream of items (new objections, new messages, …): items created after
 * `seen_at` count as unread in the navigation's badges.
 */
export const userSeen = pgTable(
  "user_seen",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    topic: text("topic").notNull(),
    seenAt: instant("seen_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topic] })],
);
