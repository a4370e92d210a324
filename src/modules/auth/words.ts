// The auth module's wording in Dutch and English: its API answers use these.
export const authWords = {
  noun: {
    token: { nl: "token", en: "token" },
    user: { nl: "gebruiker", en: "user" },
    session: { nl: "sessie", en: "session" },
    customer: { nl: "klant", en: "customer" },
  },
  wrongLogin: { nl: "het e-mailadres of wachtwoord is onjuist", en: "the email address or password is wrong" },
  totpRequired: { nl: "voer de 6-cijferige code uit uw authenticator-app in", en: "enter the 6-digit code from your authenticator app" },
  totpRequiredField: { nl: "is verplicht voor dit account", en: "is required for this account" },
  totpWrong: { nl: "de code is onjuist of verlopen", en: "the authenticator code is wrong or expired" },
  codeWrong: { nl: "de code is onjuist of verlopen", en: "the code is wrong or expired" },
  codeWrongField: { nl: "is onjuist of verlopen", en: "is wrong or expired" },
  locked: (minutes: number) => ({
    nl: `te veel mislukte inlogpogingen voor dit account; probeer het over ${minutes} ${minutes === 1 ? "minuut" : "minuten"} opnieuw`,
    en: `too many failed logins for this account; try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}`,
  }),
  passwordWrong: { nl: "het wachtwoord is onjuist", en: "the password is wrong" },
  passwordWrongField: { nl: "is onjuist", en: "is wrong" },
  noEnrolment: { nl: "begin met POST /auth/totp/setup", en: "start with POST /auth/totp/setup" },
  totpNotEnabled: { nl: "tweestapsverificatie staat niet aan", en: "two-factor authentication is not enabled" },
  noticeKind: {
    accountLocked: { nl: "Account geblokkeerd", en: "Account locked" },
    invitation: { nl: "Uitnodiging", en: "Invitation" },
    passwordReset: { nl: "Wachtwoord opnieuw instellen", en: "Password reset" },
  },
  roleName: (role: string) => ROLE_NAMES[role] ?? { nl: role, en: role },
  emailTaken: { nl: "er is al een gebruiker met dit e-mailadres", en: "a user with this email address already exists" },
  emailTakenField: { nl: "is al in gebruik", en: "is already in use" },
  wrongRoleKind: { nl: "is geen rol voor dit soort gebruiker", en: "is not a role for this kind of user" },
  notYourself: { nl: "u kunt uw eigen rol of account niet wijzigen", en: "you cannot change your own role or account" },
  lastOwner: {
    nl: "er moet altijd minstens één actieve eigenaar overblijven",
    en: "there must always remain at least one active owner",
  },
  lastAdmin: {
    nl: "er moet altijd minstens één actieve beheerder overblijven",
    en: "there must always remain at least one active administrator",
  },
  alreadyAccepted: { nl: "deze gebruiker heeft de uitnodiging al aanvaard", en: "this user has already accepted the invitation" },
  disabledUser: { nl: "deze gebruiker is gedeactiveerd", en: "this user is deactivated" },
  linkUnusable: {
    nl: "deze link is ongeldig, al gebruikt of verlopen; vraag een nieuwe aan",
    en: "this link is invalid, already used or expired; ask for a new one",
  },
  linkUnusableField: { nl: "is ongeldig, al gebruikt of verlopen", en: "is invalid, already used or expired" },
  resetQueued: {
    nl: "als er een account met dit e-mailadres is, ontvangt het binnen enkele minuten een e-mail met een link",
    en: "if an account has this email address, it will receive an email with a link within a few minutes",
  },
  tooManyResets: {
    nl: "er zijn al meerdere links naar dit adres gestuurd; kijk in uw e-mail of probeer het over een uur opnieuw",
    en: "several links were already sent to this address; check your email or try again in an hour",
  },
  noPassword: { nl: "dit account heeft nog geen wachtwoord", en: "this account has no password yet" },
  sameAsBefore: { nl: "is hetzelfde als het huidige wachtwoord", en: "is the same as the current password" },
  recoveryWrong: { nl: "de herstelcode is onjuist of al gebruikt", en: "the recovery code is wrong or already used" },
  recoveryWrongField: { nl: "is onjuist of al gebruikt", en: "is wrong or already used" },
  oneSecondFactor: { nl: "geef de code of een herstelcode, niet allebei", en: "give the code or a recovery code, not both" },
} as const;

const ROLE_NAMES: Record<string, { nl: string; en: string }> = {
  owner: { nl: "accounteigenaar", en: "account owner" },
  privacy_contact: { nl: "privacycontactpersoon", en: "privacy contact" },
  viewer: { nl: "meelezer", en: "viewer" },
  admin: { nl: "beheerder", en: "administrator" },
  privacy_officer: { nl: "privacy officer", en: "privacy officer" },
  security_officer: { nl: "security officer", en: "security officer" },
  support: { nl: "support", en: "support" },
  auditor: { nl: "auditor", en: "auditor" },
};
