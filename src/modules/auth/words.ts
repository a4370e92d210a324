// The auth module's wording in Dutch and English: its API answers use these.
export const authWords = {
  noun: {
    token: { nl: "token", en: "token" },
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
  noticeKind: { accountLocked: { nl: "Account geblokkeerd", en: "Account locked" } },
} as const;
