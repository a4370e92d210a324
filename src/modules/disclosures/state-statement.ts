import type { Static } from "typebox";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { queueStaffNotice } from "../notices/index.ts";
import { said } from "./record-order.ts";
import type { StatementBody } from "./schemas.ts";
import { customerNameOf, insertStatement } from "./statement-queries.ts";

/**
 * art. 9.2 binds both parties ("een Partij"): the customer tells the processor, in writing, that it is
 * legally obliged to disclose the processor's confidential information. Its own row and evidence; the
 * processor's admin and privacy officer are told.
 */
export async function stateDisclosureDuty(
  tx: Db,
  clock: Clock,
  actor: EventActor & { id: string | null },
  controllerId: string,
  input: Static<typeof StatementBody>,
): Promise<string> {
  const fields = {
    authority: said("body.authority", input.authority),
    legalBasis: said("body.legalBasis", input.legalBasis),
    information: said("body.information", input.information),
    dueAt: input.dueAt ? new Date(input.dueAt) : null,
    note: input.note?.trim() || null,
  };
  const saved = await insertStatement(tx, { controllerId, ...fields, statedBy: actor.id, statedByName: actor.label, createdAt: clock.now() });
  const subject = { type: "disclosure_statement", id: saved.id };
  await recordEvent(tx, clock, {
    type: "disclosure.statement_made",
    actor,
    controllerId,
    subject,
    data: { ...fields, dueAt: fields.dueAt?.toISOString() ?? null },
  });
  await queueStaffNotice(tx, clock, actor, {
    controllerId,
    roles: ["admin", "privacy_officer"],
    subject,
    data: {
      kind: "disclosure_statement",
      statementId: saved.id,
      customerName: await customerNameOf(tx, controllerId),
      authority: fields.authority,
      legalBasis: fields.legalBasis,
      information: fields.information,
      dueAt: fields.dueAt?.toISOString() ?? null,
    },
  });
  return saved.id;
}
