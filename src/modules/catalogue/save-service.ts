import type { Static } from "typebox";
import type { ServiceBody } from "./schemas.ts";
import { ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { Db } from "../../db/engine.ts";
import type { TermKind } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, invalidFields, notFound, type FieldError } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { refreshAnnexes } from "./refresh-annexes.ts";
import {
  countCustomersTakingService,
  customersTakingServicePage,
  deleteServiceTerms,
  findServiceByCode,
  findTermsByCode,
  insertService,
  insertServiceTerms,
  updateService,
} from "./queries.ts";
import { catalogueWords } from "./words.ts";

/** What the request body says: the route's schema validates it, and types it (no twin by hand). */
export type ServiceInput = Static<typeof ServiceBody>;

async function termIds(tx: Db, input: ServiceInput): Promise<string[]> {
  const wanted: [TermKind, keyof ServiceInput, string[]][] = [
    ["purpose", "purposes", input.purposes],
    ["data_category", "dataCategories", input.dataCategories],
    ["subject_category", "subjectCategories", input.subjectCategories],
  ];
  const ids: string[] = [];
  const errors: FieldError[] = [];
  for (const [kind, field, codes] of wanted) {
    if (codes.length === 0) {
      continue;
    }
    const found = await findTermsByCode(tx, kind, codes);
    for (const code of codes) {
      const term = found.find((t) => t.code === code);
      if (term) {
        ids.push(term.id);
      } else {
        errors.push({ field: `body.${field}`, message: `unknown code "${code}"` });
      }
    }
  }
  if (errors.length > 0) {
    throw invalidFields(errors);
  }
  return ids;
}

/**
 * Creates or changes a service of the catalogue and what it involves (art. 1.1, 1.2, Annex 1).
 * Every controller taking it gets a new Annex 1 version in the same transaction: walked a page at
 * a time (`page`; by id, the order their evidence streams are locked in), so any number of
 * customers in bounded memory.
 */
export async function saveService(
  tx: Db,
  clock: Clock,
  actor: EventActor,
  target: { id: string } | { code: string },
  input: ServiceInput,
  page: number = ROWS_PER_STATEMENT,
): Promise<string> {
  const ids = await termIds(tx, input);
  let serviceId: string;
  if ("id" in target) {
    const updated = await updateService(tx, target.id, { nameNl: input.nameNl, nameEn: input.nameEn, active: input.active });
    if (!updated) {
      throw notFound(catalogueWords.noun.service);
    }
    serviceId = updated.id;
    await deleteServiceTerms(tx, serviceId);
  } else {
    const existing = await findServiceByCode(tx, target.code);
    if (existing) {
      throw conflict(`a service with code "${target.code}" exists already`);
    }
    const created = await insertService(tx, { code: target.code, nameNl: input.nameNl, nameEn: input.nameEn, active: input.active, sortOrder: 1000 });
    if (!created) {
      throw new Error("service insert returned nothing");
    }
    serviceId = created.id;
  }
  if (ids.length > 0) {
    await insertServiceTerms(tx, serviceId, ids);
  }
  await recordEvent(tx, clock, {
    type: "id" in target ? "service.changed" : "service.created",
    actor,
    controllerId: null,
    subject: { type: "service", id: serviceId },
    data: { ...input },
  });
  // Its customers a page at a time (by id), each page's annexes written before the next is read.
  const reason = `catalogue change: ${input.nameEn}`;
  let after: string | null = null;
  for (let pages = Math.ceil((await countCustomersTakingService(tx, serviceId)) / page) + 1; pages > 0; pages -= 1) {
    const takers = await customersTakingServicePage(tx, serviceId, after, page);
    await refreshAnnexes(tx, clock, actor, takers, reason);
    after = takers.at(-1) ?? null;
    if (takers.length < page) {
      break;
    }
  }
  return serviceId;
}
