import type { nlSso } from "./nl-sso";

/** English: single sign-on on the login page (the buttons' own labels come from the API). Spread into en.ts. */
export const enSso: typeof nlSso = {
  sso: {
    or: "or",
    buttons: "Log in with single sign-on",
    errorTitle: "Logging in with single sign-on did not work",
    error: {
      unavailable: "Single sign-on is not available right now. Try again later or log in with your password.",
      state: "The login expired or was started in another window. Please try again.",
      denied: "You cancelled logging in at the control panel.",
      invalid: "The control panel did not return a valid login. Please try again; if it keeps failing, contact us.",
      customer_missing: "Your control panel account names no customer number. Please contact us.",
      customer_unknown: "Your customer number is not (yet) known to us for data processing agreements. Please contact us.",
      customer_mismatch: "This account belongs to another customer than the control panel now names. Please contact us.",
      role_invalid: "Your control panel account has no role that gives access here. Ask your account's owner for a role.",
      email_missing: "The control panel did not pass on an email address. Please contact us.",
      email_taken: "An account with this email address already exists here and cannot be linked to your login. Log in with your password, or contact us.",
      disabled: "This account is disabled.",
      step_up_other_user: "You confirmed as someone else at the control panel than the user logged in here. Nothing was changed.",
      step_up_stale: "The control panel did not confirm that you logged in just now. Please try again.",
      failed: "Something went wrong while logging in. Please try again.",
    },
  },
};
