import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../db/engine.ts";
import type { AccessWhy } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor } from "../../http/actor.ts";
import type { PersonalDataView } from "../../http/personal-data.ts";
import { eventActor, recordEvent } from "../evidence/index.ts";
import { controllerOfRecord, insertAccessRow, isAssigned } from "./queries.ts";

/** `at` to the minute: the access log keeps one row per user, customer, record and minute. */
export function minuteOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}

/**
 * art. 9.1: records that a staff user saw a customer's personal data (a route declared it with
 * `config.personalData`): a row in the customer's access log, with why they could (their role,
 * their assignment, or a break-glass grant and its reason), and the evidence event
 * `staff.viewed_personal_data` on the customer's chain. Once a minute per user and record.
 */
export async function recordAccess(db: Db, clock: Clock, actor: Actor, view: PersonalDataView, recordId: string): Promise<boolean> {
  return inScope(db, { kind: "processor" }, async (tx) => {
    const controllerId = await controllerOfRecord(tx, view, recordId);
    return controllerId ? recordAccessIn(tx, clock, actor, view, recordId, controllerId) : false;
  });
}

/**
 * The same for a record several customers' data are shown of at once (an incident's affected
 * customers with their facts): a row and an event for each customer, in one transaction.
 */
export async function recordAccessOfMany(db: Db, clock: Clock, actor: Actor, view: PersonalDataView, recordId: string, controllerIds: string[]): Promise<void> {
  if (controllerIds.length === 0) {
    return;
  }
  await inScope(db, { kind: "processor" }, async (tx) => {
    for (const controllerId of controllerIds) {
      await recordAccessIn(tx, clock, actor, view, recordId, controllerId);
    }
  });
}

async function recordAccessIn(tx: Db, clock: Clock, actor: Actor, view: PersonalDataView, recordId: string, controllerId: string): Promise<boolean> {
  if (actor.kind !== "staff" || !actor.staffRole) {
    return false;
  }
  const staffRole = actor.staffRole;
  let why: AccessWhy = "role";
  const grant = actor.access?.breakGlass.get(controllerId) ?? null;
  if (staffRole === "support") {
    why = grant && !(await isAssigned(tx, actor.userId, controllerId)) ? "break_glass" : "assignment";
  }
  const at = clock.now();
  const reason = why === "break_glass" ? (grant?.reason ?? null) : null;
  const inserted = await insertAccessRow(tx, {
    controllerId,
    userId: actor.userId,
    userName: actor.name,
    staffRole,
    what: view,
    recordId,
    why,
    reason,
    grantId: why === "break_glass" ? (grant?.grantId ?? null) : null,
    at,
    minute: minuteOf(at),
  });
  if (!inserted) {
    return false;
  }
  await recordEvent(tx, clock, {
    type: "staff.viewed_personal_data",
    actor: eventActor(actor),
    controllerId,
    subject: { type: view, id: recordId },
    data: { what: view, recordId, why, ...(reason ? { reason } : {}) },
  });
  return true;
}

/** Views of a record with several customers' data in one answer: its `customers[].controllerId`. */
const MANY_CUSTOMERS: ReadonlySet<PersonalDataView> = new Set(["breach_facts"]);

function customersIn(payload: unknown): string[] {
  try {
    const parsed = JSON.parse(typeof payload === "string" ? payload : "") as { customers?: { controllerId?: unknown }[] };
    return [...new Set((parsed.customers ?? []).map((c) => c.controllerId).filter((id): id is string => typeof id === "string"))];
  } catch {
    return [];
  }
}

/**
 * The one hook (app.ts, onSend) that records every 2xx answer of a route declaring personal data
 * to a staff user, before the answer leaves: if the record cannot be written, the data is not sent.
 */
export function personalDataHook(db: Db, clock: Clock) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const view = request.routeOptions.config.personalData;
    const actor = request.actor;
    if (!view || !actor || actor.kind !== "staff" || reply.statusCode < 200 || reply.statusCode >= 300) {
      return payload;
    }
    const recordId = (request.params as { id?: unknown } | undefined)?.id;
    if (typeof recordId !== "string") {
      return payload;
    }
    if (MANY_CUSTOMERS.has(view)) {
      await recordAccessOfMany(db, clock, actor, view, recordId, customersIn(payload));
    } else {
      await recordAccess(db, clock, actor, view, recordId);
    }
    return payload;
  };
}
