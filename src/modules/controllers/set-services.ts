import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { invalidFields } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { findServicesByCode } from "../catalogue/index.ts";
import { refreshAnnexes } from "../catalogue/index.ts";
import { lastServiceEnded } from "./last-service.ts";
import { replaceControllerServices, serviceCodesTaken } from "./queries.ts";

export interface ServiceTaken {
  code: string;
  monthlyFeeCents: number;
}

/**
 * Replaces the services a controller takes (from the back-office, the API or an import). Its
 * Annex 1 gets a new version when what it involves changed; the agreement in force stays valid.
 * When the last service goes, the agreement ends (art. 12.2, the ending module), in this transaction.
 */
export async function setControllerServices(tx: Db, clock: Clock, actor: EventActor, controllerId: string, taken: ServiceTaken[], reason: string) {
  const found = await findServicesByCode(
    tx,
    taken.map((t) => t.code),
  );
  const unknown = taken.filter((t) => !found.some((s) => s.code === t.code));
  if (unknown.length > 0) {
    throw invalidFields(unknown.map((u) => ({ field: "body.services", message: `unknown service code "${u.code}"` })));
  }
  const before = taken.length === 0 ? await serviceCodesTaken(tx, controllerId) : [];
  await replaceControllerServices(
    tx,
    controllerId,
    taken.map((t) => ({ controllerId, serviceId: found.find((s) => s.code === t.code)?.id ?? "", monthlyFeeCents: t.monthlyFeeCents, since: clock.now() })),
  );
  await recordEvent(tx, clock, {
    type: "controller.services_changed",
    actor,
    controllerId,
    subject: { type: "controller", id: controllerId },
    data: { services: taken.map((t) => ({ code: t.code, monthlyFeeCents: t.monthlyFeeCents })), reason },
  });
  await refreshAnnexes(tx, clock, actor, [controllerId], reason);
  if (before.length > 0) {
    await lastServiceEnded(tx, clock, actor, [{ controllerId, services: before }], reason);
  }
}
