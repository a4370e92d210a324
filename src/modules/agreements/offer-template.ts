import { ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { notFound } from "../../http/errors.ts";
import { recordEvents, type EventActor } from "../evidence/index.ts";
import { refreshAnnexes } from "../catalogue/index.ts";
import { agreementWords } from "./words.ts";
import {
  countOlderOffers,
  countWithoutAgreementOn,
  countWithoutAnnex,
  findTemplateVersion,
  offerToCustomersWithout,
  withdrawOlderOffers,
  withoutAnnexPage,
} from "./queries.ts";

/** The greatest of these ids (uuid order is the order of their text): the next page starts after it. */
const lastOf = (ids: string[]): string | null => ids.reduce<string | null>((last, id) => (last === null || id > last ? id : last), null);

/**
 * Offers a template version to every customer that has no agreement on it yet (art. 12.3: a new
 * version needs the controller's signature again). Unsigned offers of older versions are
 * withdrawn; an agreement in force stays in force until the new one is signed by both.
 *
 * Bounded memory at any size: the customers without an Annex 1, the older offers and the customers
 * to offer it to are each walked a page at a time (`page`; by id), each page's rows and evidence
 * written before the next is read, all in the caller's one transaction. Every withdrawal is
 * recorded before any offer, as when it was one statement each.
 */
export async function offerTemplateVersion(
  tx: Db,
  clock: Clock,
  actor: EventActor,
  version: number,
  page: number = ROWS_PER_STATEMENT,
): Promise<{ offered: number }> {
  const template = await findTemplateVersion(tx, version);
  if (!template) {
    throw notFound(agreementWords.noun.templateVersion(version));
  }
  let after: string | null = null;
  for (let pages = Math.ceil((await countWithoutAnnex(tx)) / page) + 1; pages > 0; pages -= 1) {
    const withoutAnnex = await withoutAnnexPage(tx, after, page);
    await refreshAnnexes(tx, clock, actor, withoutAnnex, "first annex");
    after = withoutAnnex.at(-1) ?? null;
    if (withoutAnnex.length < page) {
      break;
    }
  }
  const now = clock.now();
  after = null;
  for (let pages = Math.ceil((await countOlderOffers(tx, version)) / page) + 1; pages > 0; pages -= 1) {
    const withdrawn = await withdrawOlderOffers(tx, version, after, page);
    await recordEvents(
      tx,
      clock,
      withdrawn.map((a) => ({
        type: "agreement.offer_withdrawn" as const,
        actor,
        controllerId: a.controller_id,
        subject: { type: "agreement", id: a.id },
        data: { replacedByVersion: version },
      })),
    );
    after = lastOf(withdrawn.map((a) => a.id));
    if (withdrawn.length < page) {
      break;
    }
  }
  let offered = 0;
  after = null;
  for (let pages = Math.ceil((await countWithoutAgreementOn(tx, template.id)) / page) + 1; pages > 0; pages -= 1) {
    const made = await offerToCustomersWithout(tx, template.id, now, after, page);
    await recordEvents(
      tx,
      clock,
      made.map((a) => ({
        type: "agreement.offered" as const,
        actor,
        controllerId: a.controller_id,
        subject: { type: "agreement", id: a.id },
        data: { templateVersion: version },
      })),
    );
    offered += made.length;
    after = lastOf(made.map((a) => a.controller_id));
    if (made.length < page) {
      break;
    }
  }
  return { offered };
}
