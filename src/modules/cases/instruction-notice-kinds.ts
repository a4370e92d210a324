import type { LocalizedText } from "../../domain/text.ts";
import { listText } from "../../domain/list-text.ts";
import { defineNoticeKind } from "../notices/index.ts";
import { caseWords } from "./words.ts";

// What the processor tells a customer about its written instruction (art. 1.2): that it was
// accepted and what changed in Annex 1, or a warning that it would infringe the law (GDPR 28(3)).

interface InstructionNoticeBase {
  caseId: string;
  reference: string;
  caseKind: LocalizedText;
  title: string;
}
export interface InstructionAccepted extends InstructionNoticeBase {
  kind: "instruction_accepted";
  /** The purpose as Annex 1B now lists it. */
  purpose: LocalizedText;
  services: LocalizedText[];
  /** YYYY-MM-DD. */
  from: string;
  annexVersion: number;
  note: string;
}
export interface InstructionWarning extends InstructionNoticeBase {
  kind: "instruction_warning";
  /** The provision it would infringe, as staff named it. */
  provision: string | null;
  reasoning: string;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    instruction_accepted: InstructionAccepted;
    instruction_warning: InstructionWarning;
  }
}

const TEMPLATES = new URL("./notice-templates/", import.meta.url);

const base = (data: InstructionNoticeBase, locale: "nl" | "en") => ({
  caseId: data.caseId,
  reference: data.reference,
  caseKind: data.caseKind[locale],
  caseTitle: data.title,
});

export const INSTRUCTION_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "instruction_accepted",
    label: caseWords.noticeKind.instructionAccepted,
    templates: TEMPLATES,
    acknowledged: false,
    toCustomer: () => true,
    view: (data, locale) => ({
      ...base(data, locale),
      purpose: data.purpose[locale],
      services: listText(
        data.services.map((s) => s[locale]),
        locale,
      ),
      annexVersion: data.annexVersion,
      note: data.note,
    }),
  }),
  defineNoticeKind({
    kind: "instruction_warning",
    label: caseWords.noticeKind.instructionWarning,
    templates: TEMPLATES,
    // The customer acknowledges that it was warned: evidence that the processor did its duty.
    acknowledged: true,
    toCustomer: () => true,
    view: (data, locale) => ({ ...base(data, locale), hasProvision: data.provision !== null, provision: data.provision, reasoning: data.reasoning }),
  }),
];
