import { ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { openObligations } from "../obligations/index.ts";
import { findProcessor } from "../processor/index.ts";
import { agreementClocks } from "../subprocessors/index.ts";
import type { EventActor } from "../evidence/index.ts";
import { countWithoutDuty, customersWithoutDutyPage, linkObligations, subjectOf, type OrderRow } from "./queries.ts";
import { disclosureWords } from "./words.ts";

export const DISCLOSURE_OBLIGATION_KIND = "disclosure_notice";

/** Whether a gag forbids telling the customers now: it is not "none" and has not ended. */
export function gagActive(order: Pick<OrderRow, "gag" | "gagEndedAt">): boolean {
  return order.gag !== "none" && order.gagEndedAt === null;
}

/**
 * art. 9.2: opens each concerned customer's duty to be told "without delay, but within 24 hours"
 * (its agreement's disclosureNoticeHours), elapsed time from `triggerAt`: the receipt, or the moment
 * the gag ended. Customers that already have one (or were told) are skipped, so it is safe to call again.
 *
 * Bounded memory at any size: the customers are walked a page at a time (`page`; by id, the order
 * their evidence streams are locked in), each page's duties opened and linked before the next is
 * read, all in the caller's one transaction.
 */
export async function openNoticeDuties(
  tx: Db,
  clock: Clock,
  actor: EventActor,
  order: OrderRow,
  triggerAt: Date,
  page: number = ROWS_PER_STATEMENT,
): Promise<void> {
  const total = await countWithoutDuty(tx, order.id);
  if (total === 0) {
    return;
  }
  const { timeZone: zone } = await findProcessor(tx);
  const reference = disclosureWords.reference(order.number);
  let after: string | null = null;
  for (let pages = Math.ceil(total / page) + 1; pages > 0; pages -= 1) {
    const controllerIds = await customersWithoutDutyPage(tx, order.id, after, page);
    if (controllerIds.length === 0) {
      break;
    }
    after = controllerIds.at(-1) ?? null;
    const clocks = await agreementClocks(tx, controllerIds, "disclosureNoticeHours");
    const opened = await openObligations(
      tx,
      clock,
      actor,
      controllerIds.map((controllerId) => {
        const own = clocks.get(controllerId) ?? { templateVersion: null, amount: 24 };
        return {
          controllerId,
          kind: DISCLOSURE_OBLIGATION_KIND,
          nature: "duty" as const,
          party: "processor" as const,
          responsibleRoles: ["privacy_officer" as const, "admin" as const],
          title: disclosureWords.notifyDuty(reference),
          subject: subjectOf(order.id),
          article: "9.2",
          clock: { unit: "hours" as const, amount: own.amount },
          templateVersion: own.templateVersion,
          zone,
          triggerAt,
        };
      }),
    );
    await linkObligations(tx, order.id, opened);
    if (controllerIds.length < page) {
      break;
    }
  }
}
