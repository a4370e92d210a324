import { ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { Db } from "../../db/engine.ts";
import { diffAnnex2, hasChanges } from "../../domain/annex2.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { draftAnnex2 } from "./annex2.ts";
import { countCustomersWithAgreement, customersWithAgreementPage, insertAnnex2Version, latestAnnex2 } from "./queries.ts";
import { measureWords } from "./words.ts";

/** What publishing now would change (the draft against the version published last), and how many customers would be told. */
export async function previewAnnex2(tx: Db) {
  // One after the other: a transaction is one connection.
  const latest = await latestAnnex2(tx);
  const draft = await draftAnnex2(tx);
  const customers = await countCustomersWithAgreement(tx);
  const changes = diffAnnex2(latest?.measures ?? [], draft);
  return { latest, draft, changes, customers };
}

/**
 * art. 7.1, Annex 2: staff publish the measures in place as a new version, with what changed since
 * the last one. Every customer with an agreement is told once (one notice each, set-based); an
 * agreement not yet signed shows the new version, a signed one keeps the version it was signed on.
 * Nothing changed: 409, nothing written.
 *
 * Bounded memory at any size: the customers are walked a page at a time (`page`; by id, the order
 * their evidence streams are locked in), each page's notices queued before the next is read, all in
 * the caller's one transaction.
 */
export async function publishAnnex2(tx: Db, clock: Clock, actor: EventActor, note: string, page: number = ROWS_PER_STATEMENT) {
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
  let told = 0;
  let after: string | null = null;
  for (let pages = Math.ceil(customers / page) + 1; pages > 0; pages -= 1) {
    const controllerIds = await customersWithAgreementPage(tx, after, page);
    await queueCustomerNotices(
      tx,
      clock,
      actor,
      controllerIds.map((controllerId) => ({ controllerId, subject, data })),
    );
    told += controllerIds.length;
    after = controllerIds.at(-1) ?? null;
    if (controllerIds.length < page) {
      break;
    }
  }
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
      customersTold: told,
      note: created.note,
    },
  });
  return { version: created, customersTold: told };
}
