import type { Static } from "typebox";
import type { ControllerBody } from "./schemas.ts";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { findControllerByCustomerNumber, insertController, updateControllerRow } from "./queries.ts";
import { controllerWords } from "./words.ts";

/** What the request body says: the route's schema validates it, and types it (no twin by hand). */
export type ControllerInput = Static<typeof ControllerBody>;

/** Registers a customer (controller). Its agreement starts when a template version is offered. */
export async function createController(tx: Db, clock: Clock, actor: EventActor, input: ControllerInput): Promise<string> {
  const clash = await findControllerByCustomerNumber(tx, input.customerNumber);
  if (clash) {
    throw conflict(`customer number ${input.customerNumber} exists already`);
  }
  const row = await insertController(tx, { ...input, createdAt: clock.now(), updatedAt: clock.now() });
  if (!row) {
    throw new Error("controller insert returned nothing");
  }
  await recordEvent(tx, clock, { type: "controller.created", actor, controllerId: row.id, subject: { type: "controller", id: row.id }, data: { ...input } });
  return row.id;
}

export async function updateController(tx: Db, clock: Clock, actor: EventActor, id: string, input: ControllerInput): Promise<void> {
  const clash = await findControllerByCustomerNumber(tx, input.customerNumber);
  if (clash && clash.id !== id) {
    throw conflict(`customer number ${input.customerNumber} belongs to another customer`);
  }
  const row = await updateControllerRow(tx, id, { ...input, updatedAt: clock.now() });
  if (!row) {
    throw notFound(controllerWords.noun.customer);
  }
  await recordEvent(tx, clock, { type: "controller.changed", actor, controllerId: id, subject: { type: "controller", id }, data: { ...input } });
}
