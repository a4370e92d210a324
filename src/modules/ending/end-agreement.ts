import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { deletionPlanLines } from "../../domain/deletion-plan.ts";
import { dueAt } from "../../domain/legal-time.ts";
import { loadCatalogue } from "../catalogue/index.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { openObligations } from "../obligations/index.ts";
import { findProcessor } from "../processor/index.ts";
import { agreementClocks } from "../subprocessors/index.ts";
import { endedAmong, insertEnding, insertLines, serviceCodesOf, subjectOf, updateEnding } from "./queries.ts";
import { endingWords } from "./words.ts";

export const DELETION_PLAN_KIND = "deletion_plan";

/** A customer whose services are about to be replaced: the codes it takes before (see endAgreements). */
export interface ServicesBefore {
  controllerId: string;
  services: string[];
}

/** The service codes these customers take now, to hand to `endAgreements` after their services are replaced. */
export async function servicesBefore(tx: Db, controllerIds: string[]): Promise<ServicesBefore[]> {
  const taken = await serviceCodesOf(tx, controllerIds);
  return [...taken].map(([controllerId, services]) => ({ controllerId, services }));
}

/**
 * art. 12.2: the agreement "lasts as long as the processor processes for the customer" and cannot be
 * ended early; it ends when the customer's last service ends. Called in the transaction that
 * replaced customers' services (the back-office, the API or an import) with what they took before:
 * each that took services, takes none now and has not ended yet ends here. Its deletion plan is
 * drawn up (domain/deletion-plan.ts: a line per system and data category from the services it took
 * and their sub-processors), the processor's duty to carry it out opens, due the agreement's
 * `deletionPlanDays` (30 calendar days) after the end, the portal stays readable
 * `portalReadableDays` (90), and the customer is told. Returns the customers whose agreement ended.
 */
export async function endAgreements(tx: Db, clock: Clock, actor: EventActor, before: ServicesBefore[], source: string): Promise<string[]> {
  const candidates = before.filter((b) => b.services.length > 0);
  if (candidates.length === 0) {
    return [];
  }
  const ids = candidates.map((c) => c.controllerId);
  const stillTaking = await serviceCodesOf(tx, ids);
  const ended = await endedAmong(tx, ids);
  const ending = candidates.filter((c) => !stillTaking.has(c.controllerId) && !ended.has(c.controllerId));
  if (ending.length === 0) {
    return [];
  }
  const catalogue = await loadCatalogue(tx);
  const { timeZone: zone } = await findProcessor(tx);
  const endingIds = ending.map((c) => c.controllerId);
  const planDays = await agreementClocks(tx, endingIds, "deletionPlanDays");
  const readableDays = await agreementClocks(tx, endingIds, "portalReadableDays");
  const now = clock.now();
  for (const customer of ending) {
    const plan = planDays.get(customer.controllerId) ?? { templateVersion: null, amount: 30 };
    const readable = readableDays.get(customer.controllerId) ?? { templateVersion: null, amount: 90 };
    const planClock = { unit: "calendarDays" as const, amount: plan.amount };
    const row = await insertEnding(tx, {
      controllerId: customer.controllerId,
      endedAt: now,
      source,
      services: [...customer.services].sort(),
      templateVersion: plan.templateVersion,
      planDueAt: dueAt(now, planClock, zone),
      portalClosesAt: dueAt(now, { unit: "calendarDays", amount: readable.amount }, zone),
      createdAt: now,
    });
    const lines = deletionPlanLines(customer.services, catalogue);
    await insertLines(
      tx,
      lines.map((line, i) => ({
        endingId: row.id,
        controllerId: customer.controllerId,
        sortOrder: i,
        party: line.party,
        systemCode: line.systemCode,
        systemNl: line.system.nl,
        systemEn: line.system.en,
        categoryCode: line.categoryCode,
        categoryNl: line.category.nl,
        categoryEn: line.category.en,
      })),
    );
    const reference = endingWords.reference(row.number);
    const [duty] = await openObligations(tx, clock, actor, [
      {
        controllerId: customer.controllerId,
        kind: DELETION_PLAN_KIND,
        nature: "duty",
        party: "processor",
        responsibleRoles: ["privacy_officer", "admin"],
        title: endingWords.planDuty(reference),
        subject: subjectOf(row.id),
        article: "12.2",
        clock: planClock,
        templateVersion: plan.templateVersion,
        zone,
        triggerAt: now,
      },
    ]);
    await updateEnding(tx, row.id, { planObligationId: duty?.id ?? null });
    await recordEvent(tx, clock, {
      type: "ending.agreement_ended",
      actor,
      controllerId: customer.controllerId,
      subject: subjectOf(row.id),
      data: {
        reference,
        source,
        services: row.services,
        endedAt: now.toISOString(),
        planDueAt: row.planDueAt.toISOString(),
        portalClosesAt: row.portalClosesAt.toISOString(),
        clocks: { deletionPlanDays: plan.amount, portalReadableDays: readable.amount, templateVersion: plan.templateVersion },
        lines: lines.map((l) => ({ party: l.party, system: l.systemCode, category: l.categoryCode })),
      },
    });
    await queueCustomerNotices(tx, clock, actor, [
      {
        controllerId: customer.controllerId,
        subject: subjectOf(row.id),
        data: {
          kind: "agreement_ended",
          endingId: row.id,
          reference,
          endedAt: now.toISOString(),
          planDueAt: row.planDueAt.toISOString(),
          portalClosesAt: row.portalClosesAt.toISOString(),
          lines: lines.length,
        },
      },
    ]);
  }
  return endingIds;
}
