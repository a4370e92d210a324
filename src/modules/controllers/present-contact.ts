import { iso } from "../../http/schemas.ts";
import type { findContact } from "./queries.ts";

/** The privacy contact as the API shows it (schemas.ts Contact): only its listed fields leave. */
export const contactOut = (c: NonNullable<Awaited<ReturnType<typeof findContact>>>) => ({
  role: c.role,
  name: c.name,
  email: c.email,
  phone: c.phone,
  updatedAt: c.updatedAt.toISOString(),
  failingSince: iso(c.failingSince),
  failingReason: c.failingReason,
  confirmedAt: iso(c.confirmedAt),
  confirmationDueAt: iso(c.confirmationDueAt),
  confirmationRequestedAt: iso(c.confirmationRequestedAt),
  confirmationStaleAt: iso(c.confirmationStaleAt),
  staleSince: iso(c.staleSince),
});
