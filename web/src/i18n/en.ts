import { enSubjectRequests } from "./en-subject-requests";
import { enAgreements } from "./en-agreements";
import { enCustomers } from "./en-customers";
import { enHome } from "./en-home";
import { enSso } from "./en-sso";
import { enAccounts } from "./en-accounts";
import type { nl } from "./nl";
import { enSubprocessors } from "./en-subprocessors";
import { enEngine } from "./en-engine";
import { enBreaches } from "./en-breaches";
import { enCases } from "./en-cases";
import { enIncidents } from "./en-incidents";
import { enRegister } from "./en-register";
import { enLayout } from "./en-layout";
import { enContacts } from "./en-contacts";
import { enMeasures } from "./en-measures";
import { enAccess } from "./en-access";
import { enDisclosures } from "./en-disclosures";
import { enEnding } from "./en-ending";
import { enAudits } from "./en-audits";
import { enClaims } from "./en-claims";
import { enEvidence } from "./en-evidence";

/** English: the same keys as nl.ts (the type makes tsc report a missing or extra key). */
export const en: typeof nl = {
  common: {
    loading: "Loading…",
    logout: "Log out",
    language: "Language",
    skipToContent: "Skip to content",
    mainNavigation: "Main menu",
    accountNavigation: "Your account",
    save: "Save",
    saved: "Saved.",
    cancel: "Cancel",
    close: "Close",
    copy: "Copy",
    edit: "Edit",
    view: "View",
    search: "Search",
    actions: "Actions",
  },
  languages: { nl: "Dutch", en: "English" },
  errors: {
    network: "The server cannot be reached. Check your connection and try again.",
    forbidden: "You are not allowed to do this",
    requestId: "Reference for support: {{id}}",
  },
  notFound: {
    title: "Not found",
    text: "This page or record does not exist, or you have no access to it.",
    home: "Go to the start page",
  },
  nav: {
    tokens: "API tokens",
    security: "Security",
    portal: {
      area: "Customer portal",
      overview: "Overview",
      contact: "Privacy contact",
      notices: "Notices",
      obligations: "Deadlines",
      subprocessors: "Sub-processors",
      transfers: "Data locations",
      webhooks: "Webhooks",
      breaches: "Data breaches",
    },
    admin: {
      area: "Back-office",
      customers: "Customers",
      countersign: "Countersign",
      templates: "Agreement template",
      catalogue: "Service catalogue",
      measures: "Measures",
      processor: "Processor",
      obligations: "Deadlines",
      notices: "Notices",
      outbox: "Outbox",
      subprocessors: "Sub-processors",
      incidents: "Incidents",
    },
    unreadBadge: "{{count}} unread",
  },
  roles: {
    staff: {
      admin: "Administrator",
      privacy_officer: "Privacy officer",
      security_officer: "Security officer",
      support: "Support",
      auditor: "Auditor",
    },
    customer: { owner: "Account owner", privacy_contact: "Privacy contact", viewer: "Viewer" },
  },
  status: {
    agreement: {
      none: "No agreement",
      offered: "Offered",
      signed_by_customer: "Signed by customer",
      in_force: "In force",
      ended: "Ended",
      superseded: "Superseded",
      withdrawn: "Withdrawn",
    },
    measure: { implemented: "In place", planned: "Planned", retired: "Retired" },
  },
  login: {
    title: "Log in",
    intro: "Log in to view and manage your data processing agreement.",
    email: "Email address",
    password: "Password",
    submit: "Log in",
    totpNeeded: "This account needs a second step. Enter the 6-digit code from your authenticator app.",
    totpCode: "Code from the authenticator app",
    verify: "Verify",
    back: "Other account",
  },
  tokens: {
    title: "API tokens",
    intro: "An API token lets a system (your billing, for example) use the API with your permissions.",
    yours: "Your tokens",
    none: "You have no active tokens.",
    name: "Name",
    nameHint: "What the token is for, e.g. ‘billing integration’.",
    prefix: "Starts with",
    createdAt: "Created",
    lastUsedAt: "Last used",
    expiresAt: "Expires",
    never: "Never",
    expiresInDays: "Valid for (days)",
    expiresHint: "Leave empty for a token without an end date.",
    new: "New token",
    create: "Create token",
    createdOnce: "Copy the token now: it is shown only once.",
    usage: "Use: Authorization: Bearer <token>",
    revoke: "Revoke",
    confirmRevoke: "Revoke token ‘{{name}}’? Systems that use it lose access.",
  },
  security: {
    title: "Security",
    totp: "Two-step verification",
    status: "Status",
    enabled: "On",
    disabled: "Off",
    intro: "With two-step verification, logging in asks for a code from an authenticator app as well as your password.",
    setup: "Set up",
    reset: "Set up again",
    resetWarning: "Your current code keeps working until you confirm the new one.",
    turnOff: "Switch off",
    confirmTurnOff: "Switch two-step verification off? Logging in then needs only your password.",
    turnedOff: "Two-step verification is off.",
    scan: "Scan this QR code with your authenticator app.",
    qrLabel: "QR code for the authenticator app",
    orEnter: "Or enter this key:",
    enterCode: "Enter the 6-digit code the app shows.",
    code: "Code",
    enable: "Confirm and switch on",
    enabledNow: "Two-step verification is on. From your next login a code is required.",
  },
  stepUp: {
    title: "Confirm it is you",
    intro: "This change asks for your password again. After that you can make such changes for ten minutes without being asked.",
    password: "Password",
    code: "Code from the authenticator app",
    confirm: "Confirm",
    ssoIntro:
      "For this change you log in again at {{issuer}}. You then come back to this page; make the change once more. For ten minutes you are not asked again.",
    ssoConfirm: "Confirm through {{issuer}}",
    issuer: { customer: "the control panel", staff: "single sign-on" },
    ssoDone: "You have confirmed it is you. Make the change again now; for ten minutes you are not asked again.",
    ssoRefused: "Confirming did not work",
  },
  pager: {
    label: "Pages",
    range: "{{from}}–{{to}} of {{total}}",
    rangeOpen: "{{from}}–{{to}}",
    rangeMore: "{{from}}–{{to}} of more than {{total}}",
    previous: "Previous",
    next: "Next",
  },
  ...enEngine,
  ...enSubprocessors,
  ...enIncidents,
  ...enRegister,
  ...enBreaches,
  ...enCases,
  ...enSubjectRequests,
  ...enAgreements,
  ...enCustomers,
  ...enHome,
  ...enSso,
  ...enAccounts,
  ...enLayout,
  ...enContacts,
  ...enMeasures,
  ...enAccess,
  ...enDisclosures,
  ...enEnding,
  ...enAudits,
  ...enClaims,
  ...enEvidence,
};
