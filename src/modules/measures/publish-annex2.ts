import type { Db } from "../../db/engine.ts";
import { diffAnnex2, hasChanges } from "../../domain/annex2.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { draftAnnex2 } from "./annex2.ts";
import { customersWithAgreement, insertAnnex2Version, latestAnnex2 } from "./queries.ts";
import { measureWords } from "./words.ts";

/** What publishing now would change: the draft against the version published last. */
export async function previewAnnex2(tx: Db) {
  // One after the other: a transaction is one connection.
  const latest = await latestAnnex2(tx);
  const draft = await draftAnnex2(tx);
  const customers = await customersWithAgreement(tx);
  const changes = diffAnnex2(latest?.measures ?? [], draft);
  return { latest, draft, changes, customers };
}

/**
 * art. 7.1, Annex 2: staff publish the measures in place as a new version, with what changed since
 * the last one. Every customer with an agreement is told once (one notice each, set-based); an
 * agreement not yet signed shows the new version, a signed one keeps the version it was signed on.
 * Nothing changed: 409, nothing written.
 */
export async function publishAnnex2(tx: Db, clock: Clock, actor: EventActor, note: string) {
  const { latest, draft, changes, customers } = await previewAnnex2(tx);
  if (latest && !hasChanges(changes)) {
    throw conflict(measureWords.nothingToPublish);
  }
  const now = clock.now();
  const version = (latest?.version ?? 0) + 1;
  const created = await insertAnnex2Version(tx, { version, measures: draft, changes, note: note.trim(), publishedAt: now, publishedBy: actor.id });
  if (!created) {
    throw new Error("the Annex 2 version was not stored");
  }
  const subject = { type: "annex2_version", id: created.id };
  const data = {
    kind: "annex2_published" as const,
    version,
    previousVersion: latest?.version ?? null,
    publishedAt: now.toISOString(),
    changes,
    note: created.note,
  };
  await queueCustomerNotices(
    tx,
    clock,
    actor,
    customers.map((controllerId) => ({ controllerId, subject, data })),
  );
  await recordEvent(tx, clock, {
    type: "annex2.published",
    actor,
    controllerId: null,
    subject,
    data: {
      version,
      previousVersion: latest?.version ?? null,
      measures: draft.map((m) => m.code),
      added: changes.added.map((m) => m.code),
      removed: changes.removed.map((m) => m.code),
      changed: changes.changed.map((m) => m.code),
      customersTold: customers.length,
      note: created.note,
    },
  });
  return { version: created, customersTold: customers.length };
}
