// The contacts module's public surface (art. 4.4: a privacy contact that stays current): other
// modules import from here only (.dependency-cruiser.cjs). The contact itself is the controllers
// module's; this module keeps it confirmed: the yearly request, reminder and stale mark (a sweep
// task), the one-click confirmation, and the staff's list of stale and failing contacts.
import { contactRoutes } from "./routes.ts";
import { CONTACT_NOTICE_KINDS } from "./notice-kinds.ts";
import { sweepContactConfirmations } from "./confirmation-sweep.ts";

export { confirmContact } from "./confirm-contact.ts";
export { CONFIRMATION_OBLIGATION_KIND, sweepContactConfirmations } from "./confirmation-sweep.ts";
export { confirmationParameters, DEFAULT_CONFIRMATION, nextRequestAt } from "./confirmation-schedule.ts";
export type { ContactConfirmation, ContactStale } from "./notice-kinds.ts";

/** What the contacts module brings to the core; src/modules.ts lists it. */
export const contactsModule = {
  name: "contacts",
  routes: [contactRoutes],
  noticeKinds: CONTACT_NOTICE_KINDS,
  sweepTasks: { contactConfirmations: sweepContactConfirmations },
};
