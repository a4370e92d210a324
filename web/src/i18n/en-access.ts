import type { nlAccess } from "./nl-access";

/** English: need-to-know and confidentiality (art. 2.3, 9.1): the staff's confidentiality statement, break glass, and the customer's access log. Spread into en.ts. */
export const enAccess: typeof nlAccess = {
  access: {
    statement: {
      title: "Confidentiality statement",
      intro:
        "Before you see any customer's data, you confirm this statement (art. 2.3 and 9.1 of the data processing agreement). Your confirmation is recorded as evidence.",
      version: "Version {{version}}, published on {{date}}",
      confirmedOn: "You confirmed this version on {{date}}.",
      notConfirmed: "You have not confirmed this version yet. Until you do, you see no customer's data; your own profile does work.",
      confirm: "I have read the statement and will abide by it",
      confirmed: "Confirmed. You can go on.",
      continue: "On to the back-office",
      otherLanguage: "Read in Dutch",
      ownLanguage: "Read in English",
      manage: "Versions and confirmations",
    },
    versions: {
      nav: "Confidentiality",
      title: "Confidentiality statement: versions",
      intro: "Every staff member confirms the current version before they see any customer's data. A new version asks everyone to confirm again.",
      versionsHeading: "Versions",
      version: "Version",
      published: "Published",
      publishedBy: "By",
      confirmations: "Confirmations",
      note: "Note",
      staffHeading: "Staff",
      name: "Name",
      role: "Role",
      confirmedVersion: "Confirmed version",
      confirmedAt: "Confirmed on",
      current: "Current version",
      outdated: "Older version",
      never: "Never confirmed",
      publishHeading: "Publish a new version",
      publishIntro: "Once published, no staff member sees customer data until they have confirmed the new version, you included.",
      textNl: "Text (Dutch)",
      textEn: "Text (English)",
      submit: "Publish",
      done: "Version {{version}} is published.",
    },
    breakGlass: {
      title: "Not assigned to you",
      intro:
        "This customer is not assigned to you (or does not exist). If you must see its data anyway, give the reason. You get {{minutes}} minutes of access; the privacy officer is told and the customer sees in its access log that you looked, with this reason.",
      reason: "Reason",
      reasonHint: "At least 20 characters, for instance the ticket number and what the customer asked.",
      submit: "Ask for access (break glass)",
      granted: "You have access until {{until}}. Every view is recorded with your reason.",
    },
    log: {
      nav: "Who viewed your data",
      title: "Who at the processor viewed your data",
      intro:
        "Every time a member of the processor's staff looks at personal data of yours (your contact, your users, a request, an objection, an attachment), we record who, when, what and why. This is that list, complete and as recorded.",
      honest:
        "What is not here: access by systems (such as sending notices) and acts outside Art28. Looking at the same thing several times within one minute is listed once.",
      from: "From",
      to: "Up to and including",
      filter: "Show",
      export: "Export (CSV)",
      none: "No views in this period.",
      total: "Viewed {{count}} times",
      when: "When",
      who: "Who",
      what: "What",
      why: "Why",
      reason: "Reason: {{reason}}",
    },
  },
};
