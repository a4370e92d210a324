import { randomBytes } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import { DEFAULT_PARAMETERS } from "../../domain/agreement-document.ts";
import { loadDefaultCatalogue, loadDefaultMeasures, loadDefaultTemplate } from "./defaults.ts";
import type { Clock } from "../../domain/clock.ts";
import { SYSTEM_ACTOR, recordEvent } from "../evidence/index.ts";
import { hashPassword } from "../auth/index.ts";
import { publishTemplateVersion } from "../agreements/index.ts";
import { publishAnnex2 } from "../measures/index.ts";
import {
  findProcessorId,
  findUserIdByEmail,
  insertMeasures,
  insertProcessor,
  insertServices,
  insertServiceTerms,
  insertTerms,
  insertUsers,
  lockInstallation,
} from "./queries.ts";

export interface ProcessorSeed {
  name: string;
  kvk: string | null;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  court: string;
  privacyEmail: string | null;
}

/** Loads the default vocabulary, services (seed Annex 1) and measures (Annex 2). */
export async function seedCatalogue(tx: Db): Promise<void> {
  const catalogue = loadDefaultCatalogue();
  const termRows = [
    ...catalogue.purposes.map((t, i) => ({ kind: "purpose" as const, code: t.code, labelNl: t.nl, labelEn: t.en, sortOrder: i })),
    ...catalogue.dataCategories.map((t, i) => ({ kind: "data_category" as const, code: t.code, labelNl: t.nl, labelEn: t.en, sortOrder: i })),
    ...catalogue.subjectCategories.map((t, i) => ({ kind: "subject_category" as const, code: t.code, labelNl: t.nl, labelEn: t.en, sortOrder: i })),
  ];
  const insertedTerms = await insertTerms(tx, termRows);
  const termId = (kind: string, code: string) => insertedTerms.find((t) => t.kind === kind && t.code === code)?.id;
  const insertedServices = await insertServices(
    tx,
    catalogue.services.map((s, i) => ({ code: s.code, nameNl: s.nl, nameEn: s.en, sortOrder: i })),
  );
  const links = catalogue.services.flatMap((s) => {
    const serviceId = insertedServices.find((x) => x.code === s.code)?.id;
    const ids = [
      ...s.purposes.map((c) => termId("purpose", c)),
      ...s.dataCategories.map((c) => termId("data_category", c)),
      ...s.subjectCategories.map((c) => termId("subject_category", c)),
    ];
    return ids.flatMap((tid) => (serviceId && tid ? [{ serviceId, termId: tid }] : []));
  });
  await insertServiceTerms(tx, links);
  await insertMeasures(
    tx,
    loadDefaultMeasures().map((m, i) => ({
      code: m.code,
      theme: m.theme,
      categoryNl: m.category.nl,
      categoryEn: m.category.en,
      titleNl: m.title.nl,
      titleEn: m.title.en,
      descriptionNl: m.description.nl,
      descriptionEn: m.description.en,
      sortOrder: i,
    })),
  );
}

export interface InstallResult {
  created: boolean;
  adminEmail: string;
  /** Only when this call created the administrator. */
  adminPassword: string | null;
}

/**
 * First run: creates the processor, the default catalogue and measures, publishes the seed agreement
 * as template version 1 (Dutch, with its English version), and an administrator. Idempotent, also for
 * processes starting at once on one database: they take turns.
 */
export async function ensureInstalled(tx: Db, clock: Clock, seed: ProcessorSeed, admin: { email: string; password?: string }): Promise<InstallResult> {
  await lockInstallation(tx);
  const existing = await findProcessorId(tx);
  if (existing) {
    return { created: false, adminEmail: admin.email, adminPassword: null };
  }
  await insertProcessor(tx, { id: 1, ...seed, updatedAt: clock.now() });
  await seedCatalogue(tx);
  // art. 7.1: the shipped measures are Annex 2, version 1 (no customer yet to tell).
  await publishAnnex2(tx, clock, SYSTEM_ACTOR, "Versie 1: de maatregelen zoals aangeleverd. / Version 1: the measures as shipped.");
  await publishTemplateVersion(
    tx,
    clock,
    SYSTEM_ACTOR,
    {
      texts: { nl: loadDefaultTemplate("nl"), en: loadDefaultTemplate("en") },
      parameters: DEFAULT_PARAMETERS,
      notes: "Versie 1: de verwerkersovereenkomst zoals aangeleverd.",
    },
    null,
  );
  const password = admin.password ?? randomBytes(12).toString("base64url");
  const existingAdmin = await findUserIdByEmail(tx, admin.email);
  if (!existingAdmin) {
    await insertUsers(tx, [{ email: admin.email, name: "Administrator", passwordHash: await hashPassword(password), kind: "staff", staffRole: "admin" }]);
  }
  await recordEvent(tx, clock, { type: "installation.created", actor: SYSTEM_ACTOR, controllerId: null, data: { processor: seed.name } });
  return { created: true, adminEmail: admin.email, adminPassword: password };
}
