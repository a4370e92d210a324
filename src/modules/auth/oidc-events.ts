// The evidence event types of single sign-on, declared to the core's event log (db/schema/events.ts).

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** A user created on its first sign-in through an OpenID Connect issuer (the control panel, or the staff issuer). */
    "auth.sso_user_created": true;
    /** An existing user (same verified e-mail address, same customer or staff) linked to an issuer's identity. */
    "auth.sso_identity_linked": true;
    /** The issuer's role claim changed the user's role. */
    "auth.sso_role_changed": true;
    /** A sign-in through an issuer was refused for a known user (disabled, another customer, no valid role, …). */
    "auth.sso_refused": true;
  }
}

/** Each single sign-on event type in words (src/event-labels.ts checks that every type has one). */
export const oidcEventLabels = {
  "auth.sso_user_created": { nl: "Gebruiker aangemaakt bij eerste aanmelding via single sign-on", en: "User created at first sign-in through single sign-on" },
  "auth.sso_identity_linked": { nl: "Bestaande gebruiker gekoppeld aan single sign-on", en: "Existing user linked to single sign-on" },
  "auth.sso_role_changed": { nl: "Rol gewijzigd door de single sign-on-aanmelding", en: "Role changed by the single sign-on claim" },
  "auth.sso_refused": { nl: "Aanmelding via single sign-on geweigerd", en: "Sign-in through single sign-on refused" },
} as const;
