// The evidence event types of the auth module, declared to the core's event log (db/schema/events.ts).
// A customer's users' events go to that customer's stream, staff's to the processor's.
import { oidcEventLabels } from "./oidc-events.ts";

declare module "../../db/schema/events.ts" {
  interface EventTypes {
    /** Repeated failed logins locked an account for a while (per-account login limit). */
    "auth.account_locked": true;
    /** A user was invited (created without a password; a single-use link was e-mailed). */
    "user.invited": true;
    /** The invitation was sent again with a new link (the old one no longer works). */
    "user.invitation_resent": true;
    /** The invited user set a password through the link. */
    "user.invitation_accepted": true;
    "user.role_changed": true;
    /** Deactivated: sessions ended, API tokens revoked, logins refused. */
    "user.deactivated": true;
    "user.reactivated": true;
    /** A password reset link was e-mailed (an address with no user records nothing). */
    "user.password_reset_requested": true;
    /** The password was set through a reset link; every session ended. */
    "user.password_reset": true;
    /** The user changed their password (knowing the current one); their other sessions ended. */
    "user.password_changed": true;
    /** New TOTP recovery codes were made (the old ones no longer work). */
    "auth.recovery_codes_generated": true;
    /** A login used a recovery code in place of the authenticator code. */
    "auth.recovery_code_used": true;
  }
}

/**
 * Each event type in words, for people reading the evidence log (back-office, portal, exports); the
 * type itself stays in the technical details. src/event-labels.ts checks that every type has one.
 */
export const authEventLabels = {
  ...oidcEventLabels,
  "auth.account_locked": { nl: "Account tijdelijk geblokkeerd na mislukte aanmeldingen", en: "Account locked after failed logins" },
  "user.invited": { nl: "Gebruiker uitgenodigd", en: "User invited" },
  "user.invitation_resent": { nl: "Uitnodiging opnieuw verstuurd", en: "Invitation sent again" },
  "user.invitation_accepted": { nl: "Uitnodiging aanvaard, wachtwoord ingesteld", en: "Invitation accepted, password set" },
  "user.role_changed": { nl: "Rol van gebruiker gewijzigd", en: "User's role changed" },
  "user.deactivated": { nl: "Gebruiker gedeactiveerd", en: "User deactivated" },
  "user.reactivated": { nl: "Gebruiker weer geactiveerd", en: "User reactivated" },
  "user.password_reset_requested": { nl: "Link om het wachtwoord opnieuw in te stellen verstuurd", en: "Password reset link sent" },
  "user.password_reset": { nl: "Wachtwoord opnieuw ingesteld via link", en: "Password reset through a link" },
  "user.password_changed": { nl: "Wachtwoord gewijzigd", en: "Password changed" },
  "auth.recovery_codes_generated": { nl: "Nieuwe herstelcodes aangemaakt", en: "New recovery codes made" },
  "auth.recovery_code_used": { nl: "Aangemeld met een herstelcode", en: "Logged in with a recovery code" },
} as const;
