import type { nlLayout } from "./nl-layout";

/** English: the page frame (menu button, menu groups), tabs of long pages, and the form checks done in the browser. */
export const enLayout: typeof nlLayout = {
  layout: {
    menu: "Menu",
    openMenu: "Open menu",
    closeMenu: "Close menu",
    adminGroups: { customers: "Customers", setup: "Set-up", requests: "Requests" },
    portalGroups: { processing: "About the processing", settings: "Settings", requests: "Requests" },
    offerLatest: "Version {{version}} is the latest. Customers not yet offered it get it to sign; their current agreement stays in force until then.",
    sections: "Parts of this page",
    customerTabs: {
      overview: "Overview",
      services: "Services",
      agreements: "Agreements",
      deadlines: "Deadlines and notices",
      evidence: "Evidence log",
    },
    incidentTabs: {
      incident: "Incident and assessment",
      affected: "Affected customers",
      notice: "Notice and sending",
      timeline: "Timeline",
    },
  },
  validation: {
    required: "Please fill in this field.",
    email: "Enter a valid e-mail address (name@example.com).",
    number: "Enter a whole number.",
    min: "Enter a number of at least {{min}}.",
    max: "Enter a number of at most {{max}}.",
    tooLong: "At most {{max}} characters.",
    pattern: "This is not in the right form.",
    url: "Enter a full web address (https://…).",
    checkFields: "Please check the marked fields.",
  },
};
