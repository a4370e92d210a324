import type { EventActor } from "../evidence/index.ts";

/** Who acts on an ending: as the evidence names them, and as a person (id, name) the plan shows. */
export interface Who {
  actor: EventActor;
  userId: string | null;
  name: string;
}
