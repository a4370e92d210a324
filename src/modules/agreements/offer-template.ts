import { sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { notFound } from "../../http/errors.ts";
import { recordEvents, type EventActor } from "../evidence/index.ts";
import { refreshAnnexes } from "../catalogue/index.ts";
import { findTemplateVersion } from "./queries.ts";

/**
 * Offers a template version to every customer that has no agreement on it yet (art. 12.3: a new
 * version needs the controller's signature again). Unsigned offers of older versions are
 * withdrawn; an agreement in force stays in force until the new one is signed by both.
 */
export async function offerTemplateVersion(tx: Db, clock: Clock, actor: EventActor, version: number): Promise<{ offered: number }> {
  const template = await findTemplateVersion(tx, version);
  if (!template) {
    throw notFound(`template version ${version}`);
  }
  const withoutAnnex = await rows<{ id: string }>(
    tx,
    sql`select c.id from controllers c where not exists (select 1 from annex_versions a where a.controller_id = c.id)`,
  );
  await refreshAnnexes(
    tx,
    clock,
    actor,
    withoutAnnex.map((c) => c.id),
    "first annex",
  );
  const now = clock.now();
  const withdrawn = await rows<{ id: string; controller_id: string }>(
    tx,
    sql`update agreements a set status = 'withdrawn'
        from template_versions t
        where t.id = a.template_version_id and a.status = 'offered' and t.version < ${version}
        returning a.id, a.controller_id`,
  );
  const offered = await rows<{ id: string; controller_id: string }>(
    tx,
    sql`insert into agreements (controller_id, template_version_id, annex_version_id, locale, status, offered_at)
        select c.id, ${template.id}, (select av.id from annex_versions av where av.controller_id = c.id order by av.version desc limit 1),
               c.locale, 'offered', ${now}
        from controllers c
        where not exists (select 1 from agreements a where a.controller_id = c.id and a.template_version_id = ${template.id})
        returning id, controller_id`,
  );
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
