import type { StaffRole } from "../../db/schema/index.ts";

// Kinds of obligation only some staff roles may know of (art. 9.2: that an authority ordered a
// customer's data disclosed is for the administrator and the privacy officer). The engine names no
// kind: a module declares its own (`restrictedObligationKinds` in src/modules.ts), the composition
// root registers them, and every staff list of deadlines leaves them out for the other roles.

const restricted = new Map<string, readonly StaffRole[]>();

/** Adds kinds and the staff roles that may see them (the composition root does, once per process). */
export function registerRestrictedObligationKinds(kinds: Record<string, readonly StaffRole[]>): void {
  for (const [kind, roles] of Object.entries(kinds)) {
    restricted.set(kind, roles);
  }
}

/** The kinds a staff role may not see; none for a customer (it sees only its own, as always). */
export function hiddenObligationKinds(actor: { kind: "staff" | "customer"; staffRole?: StaffRole | null }): string[] {
  if (actor.kind !== "staff") {
    return [];
  }
  return [...restricted].filter(([, roles]) => !actor.staffRole || !roles.includes(actor.staffRole)).map(([kind]) => kind);
}
