import type { CustomerRole, StaffRole } from "../../db/schema/index.ts";

// Kinds of obligation only some staff roles may know of (art. 9.2: that an authority ordered a
// customer's data disclosed is for the administrator and the privacy officer). The engine names no
// kind: a module declares its own (`restrictedObligationKinds` in src/modules.ts), the composition
// root registers them, and every staff list of deadlines leaves them out for the other roles.

const restricted = new Map<string, readonly StaffRole[]>();
/** Kinds only some of the customer's own roles may know of (art. 9.1: an audit's duties, not its viewers). */
const restrictedForCustomers = new Map<string, readonly CustomerRole[]>();

/** Adds kinds and the staff roles that may see them (the composition root does, once per process). */
export function registerRestrictedObligationKinds(kinds: Record<string, readonly StaffRole[]>): void {
  for (const [kind, roles] of Object.entries(kinds)) {
    restricted.set(kind, roles);
  }
}

/** Adds kinds and the customer roles that may see them among their own customer's deadlines. */
export function registerCustomerRestrictedObligationKinds(kinds: Record<string, readonly CustomerRole[]>): void {
  for (const [kind, roles] of Object.entries(kinds)) {
    restrictedForCustomers.set(kind, roles);
  }
}

/** The kinds a staff role may not see; for a customer user (who sees only its own), the kinds its role may not. */
export function hiddenObligationKinds(actor: { kind: "staff" | "customer"; staffRole?: StaffRole | null; customerRole?: CustomerRole | null }): string[] {
  if (actor.kind !== "staff") {
    return [...restrictedForCustomers].filter(([, roles]) => !actor.customerRole || !roles.includes(actor.customerRole)).map(([kind]) => kind);
  }
  return [...restricted].filter(([, roles]) => !actor.staffRole || !roles.includes(actor.staffRole)).map(([kind]) => kind);
}
