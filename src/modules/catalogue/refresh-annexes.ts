import type { Db } from "../../db/engine.ts";
import { batches, ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { annexVersions } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { recordEvents, type EventActor } from "../evidence/index.ts";
import { listServices, listTerms } from "./queries.ts";
import {
  activeSubprocessorLinks,
  activeSubprocessorLocations,
  insertAnnexVersions,
  instructedPurposesOf,
  latestAnnexVersions,
  moveOffersToAnnexes,
  servicesTakenBy,
} from "./annex-queries.ts";
import { deriveAnnexContent, diffAnnex, sameAnnex, type Catalogue, type CatalogueSubprocessor, type InstructedPurpose } from "../../domain/annex.ts";

/**
 * The active sub-processors (art. 5) with their locations (art. 3.1), by name, and which services
 * use them: two queries, whatever the number of services.
 */
async function loadActiveSubprocessors(tx: Db): Promise<{ list: CatalogueSubprocessor[]; byService: Map<string, string[]> }> {
  // One after the other: a transaction is one connection.
  const located = await activeSubprocessorLocations(tx);
  const links = await activeSubprocessorLinks(tx);
  const byId = new Map<string, CatalogueSubprocessor>();
  for (const row of located) {
    let entry = byId.get(row.id);
    if (entry === undefined) {
      entry = { code: row.id, name: row.name, activity: { nl: row.activity.nl, en: row.activity.en }, locations: [] };
      byId.set(row.id, entry);
    }
    if (row.country !== null) {
      entry.locations.push({ country: row.country, city: row.city, mechanism: row.mechanism });
    }
  }
  const byService = new Map<string, string[]>();
  for (const link of links) {
    byService.set(link.serviceId, [...(byService.get(link.serviceId) ?? []), link.subprocessorId]);
  }
  return { list: [...byId.values()], byService };
}

/** The catalogue as it stands in the database, in the shape Annex 1 is derived from. */
export async function loadCatalogue(tx: Db): Promise<Catalogue> {
  // One after the other: a transaction is one connection.
  const serviceRows = await listServices(tx);
  const terms = await listTerms(tx);
  const active = await loadActiveSubprocessors(tx);
  const vocabulary = (kind: string) => terms.filter((t) => t.kind === kind).map((t) => ({ code: t.code, nl: t.labelNl, en: t.labelEn }));
  return {
    purposes: vocabulary("purpose"),
    dataCategories: vocabulary("data_category"),
    subjectCategories: vocabulary("subject_category"),
    services: serviceRows.map((s) => ({
      code: s.code,
      nl: s.nameNl,
      en: s.nameEn,
      purposes: s.purposes,
      dataCategories: s.dataCategories,
      subjectCategories: s.subjectCategories,
      subprocessors: active.byService.get(s.id) ?? [],
    })),
    subprocessors: active.list,
  };
}

/**
 * Gives every named controller whose Annex 1 no longer matches its services (and the purposes its
 * accepted written instructions added, art. 1.2) a new annex version (art. 1.1: processing only
 * for the services taken). An agreement in force keeps the annex it was
 * signed with; an open offer moves to the new annex, so what a controller signs is current.
 * Returns the controllers that got a new version.
 */
export async function refreshAnnexes(tx: Db, clock: Clock, actor: EventActor, controllerIds: string[], reason: string): Promise<string[]> {
  if (controllerIds.length === 0) {
    return [];
  }
  const catalogue = await loadCatalogue(tx);
  const changed: string[] = [];
  // A quarter of the usual batch: an annex row carries its whole Annex 1 as JSON.
  for (const chunk of batches(controllerIds, ROWS_PER_STATEMENT / 4)) {
    const taken = await servicesTakenBy(tx, chunk);
    const latest = await latestAnnexVersions(tx, chunk);
    const latestBy = new Map(latest.map((l) => [l.controller_id, l]));
    const takenBy = new Map<string, string[]>();
    for (const t of taken) {
      takenBy.set(t.controllerId, [...(takenBy.get(t.controllerId) ?? []), t.code]);
    }
    const instructedBy = new Map<string, InstructedPurpose[]>();
    for (const { controllerId, ...purpose } of await instructedPurposesOf(tx, chunk)) {
      instructedBy.set(controllerId, [...(instructedBy.get(controllerId) ?? []), purpose]);
    }
    const inserts: (typeof annexVersions.$inferInsert)[] = [];
    const diffs = new Map<string, ReturnType<typeof diffAnnex> | null>();
    for (const controllerId of chunk) {
      const snapshot = deriveAnnexContent(catalogue, takenBy.get(controllerId) ?? [], instructedBy.get(controllerId));
      const previous = latestBy.get(controllerId);
      if (previous && sameAnnex(previous.content, snapshot)) {
        continue;
      }
      inserts.push({ controllerId, version: (previous?.version ?? 0) + 1, content: snapshot, reason, createdAt: clock.now() });
      diffs.set(controllerId, previous ? diffAnnex(previous.content, snapshot) : null);
    }
    if (inserts.length === 0) {
      continue;
    }
    const created = await insertAnnexVersions(tx, inserts);
    await moveOffersToAnnexes(tx, created);
    await recordEvents(
      tx,
      clock,
      created.map((annex) => ({
        type: "annex.version_created",
        actor,
        controllerId: annex.controllerId,
        subject: { type: "annex", id: annex.id },
        data: { version: annex.version, reason, changes: diffs.get(annex.controllerId) ?? null },
      })),
    );
    changed.push(...created.map((c) => c.controllerId));
  }
  return changed;
}
