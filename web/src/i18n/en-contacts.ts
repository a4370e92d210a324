import type { nlContacts } from "./nl-contacts";

/** English: the yearly confirmation of the privacy contact (art. 4.4) in the portal, and the list of stale contacts in the back-office. Spread into en.ts. */
export const enContacts: typeof nlContacts = {
  contactConfirm: {
    heading: "Is this still correct?",
    intro:
      "We ask you now and then to confirm that this contact is still correct (art. 4.4). If something is wrong, change it below: that counts as a confirmation too.",
    button: "Still correct",
    buttonLabel: "Confirm that {{name}} ({{email}}) is still the right contact",
    confirmed: "Confirmed. We will ask you again on {{date}}.",
    lastConfirmed: "Last confirmed: {{date}}",
    neverConfirmed: "Never confirmed yet.",
    nextRequest: "Next request to confirm: {{date}}",
    requested: "On {{asked}} we asked you to confirm this contact, by {{due}}.",
    stale: "Stale since {{since}}: not confirmed in time. Notices may reach the wrong person.",
    failing: "Email to this address has not arrived since {{since}}. Change the address below.",
    staff: {
      requested: "Asked on {{asked}} to confirm, by {{due}}.",
      stale: "Stale since {{since}}: not confirmed in time.",
    },
  },
  staleContacts: {
    navLabel: "Contacts",
    title: "Stale contacts",
    intro:
      "Privacy contacts not confirmed in time (art. 4.4) or whose email does not arrive. The customer confirms or changes them in the portal; contact it where needed.",
    stateFilter: "Show",
    states: {
      attention: "Stale or unreachable",
      stale: "Stale (not confirmed)",
      failing: "Unreachable (email does not arrive)",
      awaiting: "Asked, not yet confirmed",
    },
    search: "Search by customer, number or contact",
    none: "No contacts in this selection.",
    customer: "Customer",
    contact: "Contact",
    status: "Status",
    lastConfirmed: "Last confirmed",
    asked: "Asked",
    staleBadge: "Stale",
    failingBadge: "Unreachable",
    awaitingBadge: "Asked",
    staleFor_one: "since {{since}} ({{count}} day)",
    staleFor_other: "since {{since}} ({{count}} days)",
    failingFor_one: "since {{since}} ({{count}} day)",
    failingFor_other: "since {{since}} ({{count}} days)",
    askedOn: "{{asked}}, by {{due}}",
    homeCount_one: "{{count}} privacy contact is stale (not confirmed).",
    homeCount_other: "{{count}} privacy contacts are stale (not confirmed).",
    homeLink: "See the stale contacts",
  },
};
