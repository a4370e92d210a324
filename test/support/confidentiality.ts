import type { Db } from "../../src/db/engine.ts";
import type { StaffRole } from "../../src/db/schema/index.ts";
import { inScope } from "../../src/db/scope.ts";
import type { Clock } from "../../src/domain/clock.ts";
import { confirmStatement, currentStatement } from "../../src/modules/access/index.ts";

/** A staff user confirms the current confidentiality statement (the shipped one, published on first use). */
export async function confirmConfidentiality(
  db: Db,
  clock: Clock,
  user: { id: string; name: string; email: string; locale: "nl" | "en"; staffRole: StaffRole | null },
): Promise<void> {
  await inScope(db, { kind: "processor" }, async (tx) => {
    const statement = await currentStatement(tx, clock);
    const actor = { userId: user.id, name: user.name, email: user.email, locale: user.locale, kind: "staff", staffRole: user.staffRole } as const;
    await confirmStatement(tx, clock, { ...actor, customerRole: null, controllerId: null, via: "session" }, statement.version);
  });
}
