import type { AuditSide } from "../../db/schema/index.ts";
import { referenceYear } from "../../domain/notice-reference.ts";
import type { Actor } from "../../http/actor.ts";
import { eventActor, type EventActor } from "../evidence/index.ts";
import type { AuditRow } from "./queries.ts";
import { auditWords } from "./words.ts";

/** Who acts in an audit: as the evidence names them, as a person, and for which of the two parties. */
export interface AuditWho {
  actor: EventActor;
  name: string;
  side: AuditSide;
}

export function auditWho(actor: Actor): AuditWho {
  return { actor: eventActor(actor), name: actor.name, side: actor.kind === "staff" ? "processor" : "customer" };
}

/** An audit's readable reference: AU-<year requested, in the processor's zone>-<number>, e.g. AU-2026-0003. */
export function auditReference(audit: Pick<AuditRow, "number" | "requestedAt">): string {
  return auditWords.reference(referenceYear(audit.requestedAt), audit.number);
}
