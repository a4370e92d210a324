import { and, eq, lte, sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { obligations, subprocessorChanges, subprocessors } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { formatInstant } from "../../domain/legal-time.ts";
import { AppError, conflict, notFound } from "../../http/errors.ts";
import { refreshAnnexes } from "../catalogue/index.ts";
import { recordEvent, recordEvents, SYSTEM_ACTOR, type EventActor } from "../evidence/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { findProcessor } from "../processor/index.ts";
import { noticeSubprocessor, OBJECTION_SUBJECT } from "./announce-change.ts";
import { customersTaking, touchedServiceIds, type ChangeRow } from "./change-queries.ts";
import { findSubprocessor } from "./queries.ts";
import { replaceLocations, replaceServiceLinks } from "./save-subprocessor.ts";
import { takeEffectProblem } from "./set-effective-date.ts";

/** Puts the change into the register. */
async function updateRegister(tx: Db, change: ChangeRow, now: Date): Promise<void> {
  const setStatus = (id: string, status: "active" | "removed") => tx.update(subprocessors).set({ status, updatedAt: now }).where(eq(subprocessors.id, id));
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
      await tx.update(subprocessors).set({ updatedAt: now }).where(eq(subprocessors.id, change.subprocessorId));
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
export async function applySubprocessorChange(tx: Db, clock: Clock, actor: EventActor, id: string): Promise<void> {
  const now = clock.now();
  const [change] = await tx.select().from(subprocessorChanges).where(eq(subprocessorChanges.id, id)).for("update");
  if (!change) {
    throw notFound("subprocessor change");
  }
  if (change.status !== "announced") {
    throw conflict({
      nl: `deze wijziging is al ${change.status === "effective" ? "ingegaan" : "ingetrokken"}`,
      en: `this change has already ${change.status === "effective" ? "taken effect" : "been withdrawn"}`,
    });
  }
  const { timeZone: zone } = await findProcessor(tx);
  if (change.effectiveAt && change.effectiveAt > now) {
    throw conflict({
      nl: `deze wijziging gaat pas in op ${formatInstant(change.effectiveAt, zone, "nl")}`,
      en: `this change takes effect on ${formatInstant(change.effectiveAt, zone, "en")}, not before`,
    });
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
  await tx.update(subprocessorChanges).set({ status: "effective", effectiveAt, appliedAt: now, updatedAt: now }).where(eq(subprocessorChanges.id, id));

  const customers = (await customersTaking(tx, touched)).map((c) => c.controllerId);
  const sub = await findSubprocessor(tx, change.subprocessorId);
  const reason = `sub-processor change (${change.kind}) ${sub?.name ?? change.subprocessorId} took effect`;
  const changed = await refreshAnnexes(tx, clock, actor, customers, reason);
  const versions =
    changed.length === 0
      ? new Map<string, number>()
      : new Map(
          (
            await rows<{ controller_id: string; version: number }>(
              tx,
              sql`select controller_id, max(version) as version from annex_versions where controller_id = any(${sql.param(changed)}::uuid[]) group by controller_id`,
            )
          ).map((r) => [r.controller_id, Number(r.version)]),
        );
  const subject = { type: OBJECTION_SUBJECT, id };
  const about = noticeSubprocessor(sub ?? { name: "?", activity: { nl: "", en: "" } }, sub?.locations ?? []);
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

  const lapsed = await tx
    .update(obligations)
    .set({ status: "lapsed", closedAt: now, nextReminderAt: null })
    .where(and(eq(obligations.subjectType, OBJECTION_SUBJECT), eq(obligations.subjectId, id), eq(obligations.status, "open")))
    .returning({ id: obligations.id, controllerId: obligations.controllerId, dueAt: obligations.dueAt });
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
      customersTold: customers.length,
      annexVersions: changed.length,
      windowsLapsed: lapsed.length,
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
  const due = await tx
    .select({ id: subprocessorChanges.id })
    .from(subprocessorChanges)
    .where(and(eq(subprocessorChanges.status, "announced"), lte(subprocessorChanges.effectiveAt, clock.now())))
    .orderBy(subprocessorChanges.effectiveAt)
    .for("update", { skipLocked: true });
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
