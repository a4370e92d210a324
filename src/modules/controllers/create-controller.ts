import type { Static } from "typebox";
import type { ControllerBody } from "./schemas.ts";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { controllers } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";

/** What the request body says: the route's schema validates it, and types it (no twin by hand). */
export type ControllerInput = Static<typeof ControllerBody>;

/** Registers a customer (controller). Its agreement starts when a template version is offered. */
export async function createController(tx: Db, clock: Clock, actor: EventActor, input: ControllerInput): Promise<string> {
  const [clash] = await tx.select({ id: controllers.id }).from(controllers).where(eq(controllers.customerNumber, input.customerNumber));
  if (clash) {
    throw conflict(`customer number ${input.customerNumber} exists already`);
  }
  const [row] = await tx
    .insert(controllers)
    .values({ ...input, createdAt: clock.now(), updatedAt: clock.now() })
    .returning();
  if (!row) {
    throw new Error("controller insert returned nothing");
  }
  await recordEvent(tx, clock, { type: "controller.created", actor, controllerId: row.id, subject: { type: "controller", id: row.id }, data: { ...input } });
  return row.id;
}

export async function updateController(tx: Db, clock: Clock, actor: EventActor, id: string, input: ControllerInput): Promise<void> {
  const [clash] = await tx.select({ id: controllers.id }).from(controllers).where(eq(controllers.customerNumber, input.customerNumber));
  if (clash && clash.id !== id) {
    throw conflict(`customer number ${input.customerNumber} belongs to another customer`);
  }
  const [row] = await tx
    .update(controllers)
    .set({ ...input, updatedAt: clock.now() })
    .where(eq(controllers.id, id))
    .returning({ id: controllers.id });
  if (!row) {
    throw notFound("customer");
  }
  await recordEvent(tx, clock, { type: "controller.changed", actor, controllerId: id, subject: { type: "controller", id }, data: { ...input } });
}
