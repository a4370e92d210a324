import type { RouteDeps, TypedApp } from "./http/types.ts";
import type { SweepTask } from "./jobs/sweep.ts";
import type { CustomerRole, StaffRole } from "./db/schema/index.ts";
import { agreementsModule } from "./modules/agreements/index.ts";
import { authModule } from "./modules/auth/index.ts";
import { breachesModule } from "./modules/breaches/index.ts";
import { catalogueModule } from "./modules/catalogue/index.ts";
import { contactsModule } from "./modules/contacts/index.ts";
import { controllersModule, registerLastServiceEnded, type LastServiceEnded } from "./modules/controllers/index.ts";
import { evidenceModule } from "./modules/evidence/index.ts";
import { homeModule } from "./modules/home/index.ts";
import { importsModule } from "./modules/imports/index.ts";
import { noticesModule, registerNoticeKinds, type NoticeKindDefinition } from "./modules/notices/index.ts";
import { obligationsModule, registerCustomerRestrictedObligationKinds, registerRestrictedObligationKinds } from "./modules/obligations/index.ts";
import { processorModule } from "./modules/processor/index.ts";
import { registerModule } from "./modules/register/index.ts";
import { subprocessorsModule } from "./modules/subprocessors/index.ts";
import { trustModule } from "./modules/trust/index.ts";
import { measuresModule } from "./modules/measures/index.ts";
import { threadsModule } from "./modules/threads/index.ts";
import { casesModule } from "./modules/cases/index.ts";
import { subjectRequestsModule } from "./modules/subject-requests/index.ts";
import { accessModule } from "./modules/access/index.ts";
import { disclosuresModule } from "./modules/disclosures/index.ts";
import { endingModule } from "./modules/ending/index.ts";
import { auditsModule } from "./modules/audits/index.ts";
import { claimsModule } from "./modules/claims/index.ts";
import { evidenceBundleModule } from "./modules/evidence-bundle/index.ts";
import { checkpointsModule } from "./modules/checkpoints/index.ts";

/** What a module brings to the core: its routes, the notice kinds it sends, the due work it sweeps. */
export interface ClauseModule {
  name: string;
  /** Each adds its routes under /api/v1 (app.ts mounts them). */
  routes: readonly ((app: TypedApp, deps: RouteDeps) => void)[];
  noticeKinds?: readonly NoticeKindDefinition[];
  /** Kinds of its obligations only these staff roles may know of (obligations/restricted-kinds.ts). */
  restrictedObligationKinds?: Record<string, readonly StaffRole[]>;
  /** Kinds of its obligations only these customer roles may know of among their customer's own (art. 9.1). */
  customerRestrictedObligationKinds?: Record<string, readonly CustomerRole[]>;
  /** Run by every deadline sweep (jobs/runner.ts); each claims its own rows. */
  sweepTasks?: Record<string, SweepTask>;
  /** What happens when a customer's last service ends (art. 12.2; controllers/last-service.ts): at most one module brings it. */
  lastServiceEnded?: LastServiceEnded;
}

/** Every module of Art28. A new clause is a module folder, listed here once. */
export const MODULES: readonly ClauseModule[] = [
  authModule,
  processorModule,
  catalogueModule,
  controllersModule,
  agreementsModule,
  importsModule,
  noticesModule,
  obligationsModule,
  subprocessorsModule,
  trustModule,
  breachesModule,
  evidenceModule,
  homeModule,
  contactsModule,
  measuresModule,
  registerModule,
  threadsModule,
  casesModule,
  subjectRequestsModule,
  accessModule,
  disclosuresModule,
  endingModule,
  auditsModule,
  claimsModule,
  evidenceBundleModule,
  checkpointsModule,
];

/** Every notice kind, each defined by its module (its data, nl/en templates and view). */
export const NOTICE_KINDS = MODULES.flatMap((module) => module.noticeKinds ?? []);

/**
 * Registers the notice kinds, the obligation kinds only some staff roles may see, and what happens
 * when a customer's last service ends; the web process (app.ts) and the worker (jobs/runner.ts) do,
 * before anything is sent or shown.
 */
export function registerAllNoticeKinds(): void {
  registerNoticeKinds(NOTICE_KINDS);
  registerRestrictedObligationKinds(Object.assign({}, ...MODULES.map((module) => module.restrictedObligationKinds ?? {})));
  for (const module of MODULES) {
    if (module.lastServiceEnded) {
      registerLastServiceEnded(module.lastServiceEnded);
    }
  }
  registerCustomerRestrictedObligationKinds(Object.assign({}, ...MODULES.map((module) => module.customerRestrictedObligationKinds ?? {})));
}

/** The due work of every module, by name. */
export function sweepTasks(): Record<string, SweepTask> {
  return Object.assign({}, ...MODULES.map((module) => module.sweepTasks ?? {})) as Record<string, SweepTask>;
}
