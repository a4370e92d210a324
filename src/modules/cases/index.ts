// The cases module's public surface: other modules import from here only (.dependency-cruiser.cjs).
// A case is a customer's request the agreement promises an answer to (art. 2.4 DPIA help first),
// with its clock, thread, estimate, time and costs, outcome and evidence; billable items go to billing.
import { INSTRUCTION_NOTICE_KINDS } from "./instruction-notice-kinds.ts";
import { CASE_NOTICE_KINDS } from "./notice-kinds.ts";
import { caseRoutes } from "./routes.ts";

export { CASE_KINDS } from "./case-kinds.ts";
export type { CaseKindDefinition } from "./kinds.ts";

/** What the cases module brings to the core; src/modules.ts lists it. */
export const casesModule = {
  name: "cases",
  routes: [caseRoutes],
  noticeKinds: [...CASE_NOTICE_KINDS, ...INSTRUCTION_NOTICE_KINDS],
};
export { openCase } from "./open-case.ts";
export { proposeEstimate } from "./propose-estimate.ts";
export { decideCaseEstimate } from "./decide-estimate.ts";
export { logCaseEntry } from "./log-entry.ts";
export { closeCase } from "./close-case.ts";
export type { Who as CaseActor } from "./who.ts";
export { caseReference } from "./who.ts";
export { moneyText } from "./notice-kinds.ts";
export { answerMeasuresQuestion } from "./answer-measures-question.ts";
export { acceptInstruction } from "./accept-instruction.ts";
export { warnInstruction } from "./warn-instruction.ts";
