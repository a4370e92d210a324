import type { Db } from "../../db/engine.ts";
import { fixedClock, type Clock } from "../../domain/clock.ts";
import type { Actor } from "../../http/actor.ts";
import { breakGlass, confirmStatement, currentStatement, recordAccess } from "../access/index.ts";
import { listStaffUsers } from "./queries.ts";

const HOUR_MS = 60 * 60 * 1000;

/** What the demo's support user said when opening a customer outside its assignment. */
export const DEMO_BREAK_GLASS_REASON = "Klant belde met een storing in de mailbox (ticket 20481); collega met toewijzing afwezig.";

/**
 * art. 2.3, 9.1 in the demo: every staff user confirmed the confidentiality statement; the privacy
 * officer and support (assigned) looked at customer 1's data; and two days ago support broke glass
 * for a customer not assigned to them (`outside`), with a reason, and looked at its contact, which
 * that customer sees in its access log. The grant has long expired.
 */
export async function seedDemoAccess(tx: Db, clock: Clock, customers: { assigned: string | undefined; outside: string | undefined }): Promise<void> {
  const statement = await currentStatement(tx, clock);
  const actors = (await listStaffUsers(tx)).map((u): Actor => ({
    userId: u.id,
    name: u.name,
    email: u.email,
    locale: u.locale,
    kind: "staff",
    staffRole: u.staffRole,
    customerRole: null,
    controllerId: null,
    via: "session",
    access: { statementConfirmed: true, breakGlass: new Map() },
  }));
  for (const actor of actors) {
    await confirmStatement(tx, clock, actor, statement.version);
  }
  const support = actors.find((a) => a.staffRole === "support");
  const officer = actors.find((a) => a.staffRole === "privacy_officer");
  const daysAgo = (days: number, hour: number) => fixedClock(new Date(clock.now().getTime() - days * 24 * HOUR_MS + hour * HOUR_MS));
  if (customers.assigned && officer && support) {
    await recordAccess(tx, daysAgo(5, 0), officer, "customer", customers.assigned);
    await recordAccess(tx, daysAgo(3, 0), support, "contact", customers.assigned);
  }
  if (customers.outside && support) {
    const at = daysAgo(2, 0);
    const grant = await breakGlass(tx, at, support, customers.outside, DEMO_BREAK_GLASS_REASON);
    const during = {
      ...support,
      access: { statementConfirmed: true, breakGlass: new Map([[customers.outside, { grantId: grant.id, reason: grant.reason, expiresAt: grant.expiresAt }]]) },
    };
    await recordAccess(tx, at, during, "customer", customers.outside);
    at.advance(5 * 60_000);
    await recordAccess(tx, at, during, "contact", customers.outside);
  }
}
