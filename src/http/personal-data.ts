import type { RouteOptions } from "fastify";

// art. 9.1: which routes show staff a customer's personal data, declared where the route is defined
// (`config: { personalData: "contact" }`). Every 2xx answer of such a route to a staff user is
// recorded in the customer's access log by one hook (modules/access), so a route cannot forget it;
// the customer reads the log in its portal. The `{id}` of the route's path names the record.

/** What a route shows of a customer's personal data (the access log's `what`). */
export const PERSONAL_DATA_VIEWS = [
  /** The customer's details with its privacy contact (GET /controllers/{id}). */
  "customer",
  /** Its privacy contact (GET /controllers/{id}/contact). */
  "contact",
  /** Its users: names and addresses (GET /controllers/{id}/users). */
  "users",
  /** A request (case) and its thread. */
  "case",
  /** An objection to a sub-processor change and its consultation. */
  "objection",
  /** A file sent in a thread. */
  "attachment",
  /** A data subject's request forwarded to the customer (art. 8.1), with what the requester wrote. */
  "subject_request",
  /** A file of such a request as received. */
  "subject_request_file",
  /** An incident's affected customers with each one's breach facts (art. 6.2): a row for every customer shown. */
  "breach_facts",
  /** An audit (art. 10): the customer's suspicion, its people, the expert, the findings. */
  "audit",
  /** A file of an audit (an expert's undertaking, an answer's attachment). */
  "audit_file",
] as const;

export type PersonalDataView = (typeof PERSONAL_DATA_VIEWS)[number];

declare module "fastify" {
  interface FastifyContextConfig {
    personalData?: PersonalDataView;
  }
}

/** Refuses, at start-up, a route that declares personal data without an `{id}` naming the record. */
export function assertPersonalDataDeclared(route: RouteOptions): void {
  const view = route.config?.personalData;
  if (view && !route.url.includes("/:id")) {
    throw new Error(`${String(route.method)} ${route.url} declares personalData "${view}" but has no {id} naming the record`);
  }
}
