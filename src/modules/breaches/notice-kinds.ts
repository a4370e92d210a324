import { describeFacts, formatCount } from "../../domain/breach-facts-text.ts";
import { breachWords } from "./words.ts";
import { checkStoredFacts, type BreachNotice } from "../../domain/breach-notice.ts";
import { formatInstant } from "../../domain/legal-time.ts";
import { defineNoticeKind, listText } from "../notices/index.ts";

// What the breach workflow (art. 6) tells each affected customer: the breach notice, with every fact
// of art. 6.2, as its templates (notice-templates/) say it.

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    breach_notice: BreachNotice;
  }
}

const NATURE_WORDS = breachWords.notice.natureOf;

export const BREACH_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "breach_notice",
    label: breachWords.noticeKind,
    templates: new URL("./notice-templates/", import.meta.url),
    acknowledged: true,
    toCustomer: () => true,
    view: (data, locale, zone) => {
      // The sender checks too, with the same function as the API: an incomplete notice is never sent.
      const check = checkStoredFacts(data.facts);
      if (!check.complete) {
        throw new RangeError(
          `breach notice ${data.reference} #${data.sequence} is incomplete: ${[...check.missing.map((m) => m.key), ...check.invalid.map((i) => i.key)].join(", ")}`,
        );
      }
      const facts = describeFacts(data.facts, zone, locale, data.changed);
      const nature = (Object.keys(NATURE_WORDS) as (keyof typeof NATURE_WORDS)[]).filter((key) => data.nature[key]).map((key) => NATURE_WORDS[key][locale]);
      return {
        incidentId: data.incidentId,
        reference: data.reference,
        incidentTitle: data.title,
        isInitial: data.stage === "initial",
        isFollowUp: data.stage === "follow_up",
        isFinal: data.stage === "final",
        sequence: data.sequence,
        // "Aanvulling 2 op melding datalek ...": the second follow-up is the third notice.
        followUpNumber: data.sequence > 1 ? data.sequence - 1 : null,
        facts: facts.map((row) => ({ label: row.label, text: row.text, isUnknown: row.unknown, isChanged: row.changed })),
        hasChanges: data.changed.length > 0,
        changedList: listText(
          facts.filter((row) => row.changed).map((row) => row.label),
          locale,
        ),
        message: data.message === null || data.message.trim() === "" ? null : data.message.trim(),
        hasNature: nature.length > 0,
        natureList: listText(nature, locale),
        due: formatInstant(new Date(data.dueAt), zone, locale),
        affectedCustomers: data.affectedCustomers === null ? null : formatCount({ kind: "exact", count: data.affectedCustomers }, locale),
      };
    },
  }),
];
