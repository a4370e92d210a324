import { BREACH_NOTICE_KINDS } from "./modules/breaches/index.ts";
import { NOTICES_OWN_KINDS, registerNoticeKinds } from "./modules/notices/index.ts";
import { OBLIGATION_NOTICE_KINDS } from "./modules/obligations/index.ts";
import { SUBPROCESSOR_NOTICE_KINDS } from "./modules/subprocessors/index.ts";

/**
 * Every notice kind Art28 sends, each defined by its module (its data, nl/en templates and view).
 * The web process (app.ts) and the worker (jobs/runner.ts) register them before anything is sent or
 * shown; a clause that sends notices adds its list here.
 */
export const NOTICE_KINDS = [...SUBPROCESSOR_NOTICE_KINDS, ...BREACH_NOTICE_KINDS, ...OBLIGATION_NOTICE_KINDS, ...NOTICES_OWN_KINDS];

export function registerAllNoticeKinds(): void {
  registerNoticeKinds(NOTICE_KINDS);
}
