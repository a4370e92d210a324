import { ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { AppError, conflict, notFound } from "../../http/errors.ts";
import { refreshAnnexes } from "../catalogue/index.ts";
import { recordEvent, recordEvents, SYSTEM_ACTOR, type EventActor } from "../evidence/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { findProcessor } from "../processor/index.ts";
import { noticeSubprocessor, OBJECTION_SUBJECT } from "./announce-change.ts";
import { countCustomersTaking, customersTakingPage, touchedServiceIds, type ChangeRow } from "./change-queries.ts";
import { claimDueChanges, countOpenWindows, lapseObjectionWindows, latestAnnexVersions, lockChange, markChangeEffective } from "./lifecycle-queries.ts";
import { findSubprocessor } from "./queries.ts";
import { replaceLocations, replaceServiceLinks, setSubprocessorStatus, touchSubprocessor } from "./register-queries.ts";
import { takeEffectProblem } from "./set-effective-date.ts";
import { subprocessorWords } from "./words.ts";

/** Puts the change into the register. */
async function updateRegister(tx: Db, change: ChangeRow, now: Date): Promise<void> {
  const setStatus = (id: string, status: "active" | "removed") => setSubprocessorStatus(tx, id, status, now);
  switch (change.kind) {
    case "add":
      await setStatus(change.subprocessorId, "active");
      await replaceServiceLinks(tx, change.subprocessorId, change.plan.serviceIds);
      return;
    case "replace":
      await setStatus(change.subprocessorId, "active");
      await replaceServiceLinks(tx, change.subprocessorId, change.plan.serviceIds);
      if (change.replacesId) {
        await setStatus(change.replacesId, "removed");
        await replaceServiceLinks(tx, change.replacesId, []);
      }
      return;
    case "remove":
      await setStatus(change.subprocessorId, "removed");
      await replaceServiceLinks(tx, change.subprocessorId, []);
      return;
    case "relocate":
      await replaceLocations(tx, change.subprocessorId, change.plan.locations ?? []);
      await touchSubprocessor(tx, change.subprocessorId, now);
      return;
    default: {
      const unknown: never = change.kind;
      throw new Error(`unknown change kind ${String(unknown)}`);
    }
  }
}

/**
 * Makes an announced change take effect (art. 5.2), never before its effective date, nor before
 * the objection windows close while an affected customer remains. The register changes; every
 * customer taking a touched service now gets a new Annex 1 version where it changed and a notice
 * with that version: the recipients that still take it (also one leaving after its objection,
 * until its services end) and any customer that took such a service after the announcement (it
 * had no window; its Annex 1 must still be right). Objection windows still open close as "lapsed".
 */
export async function applySubprocessorChange(tx: Db, clock: Clock, actor: EventActor, id: string, page: number = ROWS_PER_STATEMENT): Promise<void> {
  const now = clock.now();
  const change = await lockChange(tx, id);
  if (!change) {
    throw notFound(subprocessorWords.noun.change);
  }
  if (change.status !== "announced") {
    throw conflict(subprocessorWords.changeSettled(change.status));
  }
  const { timeZone: zone } = await findProcessor(tx);
  if (change.effectiveAt && change.effectiveAt > now) {
    throw conflict(subprocessorWords.notBefore(change.effectiveAt, zone));
  }
  // The planned date stands unless a customer came back into scope since it was set; then the
  // change takes effect now, once that is allowed.
  let effectiveAt = change.effectiveAt ?? now;
  if ((await takeEffectProblem(tx, change, effectiveAt)) !== null) {
    const problem = await takeEffectProblem(tx, change, now);
    if (problem) {
      throw conflict(problem);
    }
    effectiveAt = now;
  }

  const touched = await touchedServiceIds(tx, change);
  await updateRegister(tx, change, now);
  await markChangeEffective(tx, id, effectiveAt, now);

  const sub = await findSubprocessor(tx, change.subprocessorId);
  const reason = `sub-processor change (${change.kind}) ${sub?.name ?? change.subprocessorId} took effect`;
  const subject = { type: OBJECTION_SUBJECT, id };
  const about = noticeSubprocessor(sub ?? { name: "?", activity: { nl: "", en: "" } }, sub?.locations ?? []);
  // A page of customers at a time (by id), each page's annexes and notices written before the
  // next is read: any number of customers in bounded memory, in this one transaction.
  let told = 0;
  let annexVersions = 0;
  let after: string | null = null;
  for (let pages = Math.ceil((await countCustomersTaking(tx, touched)) / page) + 1; pages > 0; pages -= 1) {
    const customers: string[] = (await customersTakingPage(tx, touched, after, page)).map((c) => c.controllerId);
    const changed = await refreshAnnexes(tx, clock, actor, customers, reason);
    const versions = await latestAnnexVersions(tx, changed);
    await queueCustomerNotices(
      tx,
      clock,
      actor,
      customers.map((controllerId) => ({
        controllerId,
        subject,
        data: {
          kind: "subprocessor_change_effective" as const,
          changeId: id,
          changeKind: change.kind,
          subprocessor: about,
          effectiveAt: effectiveAt.toISOString(),
          annexVersion: versions.get(controllerId) ?? null,
        },
      })),
    );
    told += customers.length;
    annexVersions += changed.length;
    after = customers.at(-1) ?? null;
    if (customers.length < page) {
      break;
    }
  }

  let windowsLapsed = 0;
  for (let pages = Math.ceil((await countOpenWindows(tx, OBJECTION_SUBJECT, id)) / page) + 1; pages > 0; pages -= 1) {
    const lapsed = await lapseObjectionWindows(tx, OBJECTION_SUBJECT, id, now, page);
    await recordEvents(
      tx,
      clock,
      lapsed.map((o) => ({
        type: "obligation.lapsed",
        actor,
        controllerId: o.controllerId,
        subject: { type: "obligation", id: o.id },
        data: { kind: "subprocessor_objection", dueAt: o.dueAt.toISOString(), reason: "the change took effect" },
      })),
    );
    windowsLapsed += lapsed.length;
    if (lapsed.length < page) {
      break;
    }
  }
  await recordEvent(tx, clock, {
    type: "subprocessor_change.applied",
    actor,
    controllerId: null,
    subject,
    data: {
      kind: change.kind,
      subprocessor: { id: change.subprocessorId, name: sub?.name ?? null, status: sub?.status ?? null, countries: about.countries },
      replaces: change.replacesId,
      effectiveAt: effectiveAt.toISOString(),
      customersTold: told,
      annexVersions,
      windowsLapsed,
    },
  });
}

/**
 * The sweep's part (run every minute by the lead's scheduler, in one processor-scope transaction):
 * applies every announced change whose effective date has come. Rows are claimed with SKIP LOCKED,
 * so two workers never apply the same change; one that may not take effect yet (an affected
 * customer remains inside its window) is left for later. Returns the ids applied.
 */
export async function applyDueChanges(tx: Db, clock: Clock): Promise<string[]> {
  const due = await claimDueChanges(tx, clock.now());
  const applied: string[] = [];
  for (const { id } of due) {
    try {
      await applySubprocessorChange(tx, clock, SYSTEM_ACTOR, id);
      applied.push(id);
    } catch (error) {
      // Only "not yet" is expected here (a conflict); anything else is a fault to surface.
      if (!(error instanceof AppError && error.code === "conflict")) {
        throw error;
      }
    }
  }
  return applied;
}
