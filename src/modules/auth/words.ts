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
} as const;
