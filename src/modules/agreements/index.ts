// The agreements module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import { agreementRoutes } from "./routes.ts";
import { AGREEMENT_NOTICE_KINDS } from "./notice-kinds.ts";
import { signingReminderRoutes } from "./reminder-routes.ts";
import { sendSigningReminders } from "./signing-reminders.ts";

export { composeAgreementDocument } from "./compose-document.ts";
export { countersignAgreement } from "./countersign-agreement.ts";
export { documentPdfAndHash } from "./document-hash.ts";
export { offerTemplateVersion } from "./offer-template.ts";
export { publishTemplateVersion } from "./publish-template.ts";
export { renderForSigning, signAgreement } from "./sign-agreement.ts";
export { findAgreement } from "./queries.ts";
export { DEFAULT_SIGNING_REMINDER_DAYS, sendSigningReminders, signingReminderDays } from "./signing-reminders.ts";

/** What the agreements module brings to the core (templates, offers, signing (art. 12)); src/modules.ts lists it. */
export const agreementsModule = {
  name: "agreements",
  routes: [agreementRoutes, signingReminderRoutes],
  noticeKinds: AGREEMENT_NOTICE_KINDS,
  sweepTasks: { signingReminders: sendSigningReminders },
};
export type { SignMeta } from "./countersign-agreement.ts";
