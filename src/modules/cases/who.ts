import { referenceYear } from "../../domain/notice-reference.ts";
import type { EventActor } from "../evidence/index.ts";

/** Who acts in a case: as the evidence names them, and as a person (id, name). */
export interface Who {
  actor: EventActor;
  userId: string;
  name: string;
}

/** A case's readable reference: V-<year asked, in the processor's zone>-<number>, e.g. V-2026-0007. */
export function caseReference(number: number, askedAt: Date): string {
  return `V-${referenceYear(askedAt)}-${String(number).padStart(4, "0")}`;
}
