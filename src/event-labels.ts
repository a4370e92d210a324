// Every evidence event type in words (nl/en), gathered from the modules that declare them (each
// module's events.ts). `satisfies` makes a type without a label a type error: a module that adds an
// event type to the log also says what it means.
import type { EventType } from "./db/schema/events.ts";
import type { LocalizedText } from "./domain/text.ts";
import { agreementEventLabels } from "./modules/agreements/events.ts";
import { authEventLabels } from "./modules/auth/events.ts";
import { breachEventLabels } from "./modules/breaches/events.ts";
import { catalogueEventLabels } from "./modules/catalogue/events.ts";
import { contactEventLabels } from "./modules/contacts/events.ts";
import { controllerEventLabels } from "./modules/controllers/events.ts";
import { importEventLabels } from "./modules/imports/events.ts";
import { noticeEventLabels } from "./modules/notices/events.ts";
import { obligationEventLabels } from "./modules/obligations/events.ts";
import { processorEventLabels } from "./modules/processor/events.ts";
import { setupEventLabels } from "./modules/setup/events.ts";
import { subprocessorEventLabels } from "./modules/subprocessors/events.ts";
import { measureEventLabels } from "./modules/measures/events.ts";
import { caseEventLabels } from "./modules/cases/events.ts";
import { subjectRequestEventLabels } from "./modules/subject-requests/events.ts";
import { accessEventLabels } from "./modules/access/events.ts";
import { disclosureEventLabels } from "./modules/disclosures/events.ts";
import { endingEventLabels } from "./modules/ending/events.ts";
import { auditEventLabels } from "./modules/audits/events.ts";
import { claimEventLabels } from "./modules/claims/events.ts";
import { evidenceBundleEventLabels } from "./modules/evidence-bundle/events.ts";
import { checkpointEventLabels } from "./modules/checkpoints/events.ts";

export const EVENT_LABELS = {
  ...agreementEventLabels,
  ...authEventLabels,
  ...breachEventLabels,
  ...catalogueEventLabels,
  ...controllerEventLabels,
  ...importEventLabels,
  ...noticeEventLabels,
  ...obligationEventLabels,
  ...processorEventLabels,
  ...setupEventLabels,
  ...subprocessorEventLabels,
  ...contactEventLabels,
  ...measureEventLabels,
  ...caseEventLabels,
  ...subjectRequestEventLabels,
  ...accessEventLabels,
  ...disclosureEventLabels,
  ...endingEventLabels,
  ...auditEventLabels,
  ...claimEventLabels,
  ...evidenceBundleEventLabels,
  ...checkpointEventLabels,
} satisfies Record<EventType, LocalizedText>;
