import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import type { EventActor } from "../evidence/index.ts";

/**
 * What happens when customers' last service ended (art. 12.2: the agreement ends then): given each
 * customer with the service codes it took before. The ending module does it; the composition root
 * (src/modules.ts) registers it here, as that module reaches this one through the notices it sends.
 */
export type LastServiceEnded = (
  tx: Db,
  clock: Clock,
  actor: EventActor,
  before: { controllerId: string; services: string[] }[],
  source: string,
) => Promise<unknown>;

let listener: LastServiceEnded | undefined;

export function registerLastServiceEnded(fn: LastServiceEnded): void {
  listener = fn;
}

/** Tells the registered listener; without one a customer would lose its last service unnoticed, so that is an error. */
export async function lastServiceEnded(...args: Parameters<LastServiceEnded>): Promise<void> {
  if (!listener) {
    throw new Error("no listener for a customer's last service ending is registered (src/modules.ts registerAllNoticeKinds)");
  }
  await listener(...args);
}
