import type { IncidentSummary } from "../../../api/types";

/** Nothing left to tell: every affected customer was notified, or the decision is not to notify. */
export const settled = (i: Pick<IncidentSummary, "status" | "decision" | "affected" | "notified">) =>
  i.status === "closed" || i.decision === "no_notify" || (i.affected > 0 && i.notified >= i.affected);
