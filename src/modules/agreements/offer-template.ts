import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { notFound } from "../../http/errors.ts";
import { recordEvents, type EventActor } from "../evidence/index.ts";
import { refreshAnnexes } from "../catalogue/index.ts";
import { agreementWords } from "./words.ts";
import { controllersWithoutAnnex, findTemplateVersion, offerToCustomersWithout, withdrawOlderOffers } from "./queries.ts";

/**
 * Offers a template version to every customer that has no agreement on it yet (art. 12.3: a new
 * version needs the controller's signature again). Unsigned offers of older versions are
 * withdrawn; an agreement in force stays in force until the new one is signed by both.
 */
export async function offerTemplateVersion(tx: Db, clock: Clock, actor: EventActor, version: number): Promise<{ offered: number }> {
  const template = await findTemplateVersion(tx, version);
  if (!template) {
    throw notFound(agreementWords.noun.templateVersion(version));
  }
  const withoutAnnex = await controllersWithoutAnnex(tx);
  await refreshAnnexes(
    tx,
    clock,
    actor,
    withoutAnnex.map((c) => c.id),
    "first annex",
  );
  const now = clock.now();
  const withdrawn = await withdrawOlderOffers(tx, version);
  const offered = await offerToCustomersWithout(tx, template.id, now);
  await recordEvents(tx, clock, [
    ...withdrawn.map((a) => ({
      type: "agreement.offer_withdrawn" as const,
      actor,
      controllerId: a.controller_id,
      subject: { type: "agreement", id: a.id },
      data: { replacedByVersion: version },
    })),
    ...offered.map((a) => ({
      type: "agreement.offered" as const,
      actor,
      controllerId: a.controller_id,
      subject: { type: "agreement", id: a.id },
      data: { templateVersion: version },
    })),
  ]);
  return { offered: offered.length };
}
