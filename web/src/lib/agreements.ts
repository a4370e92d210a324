import type { Agreement } from "../api/types";

const byVersionDesc = (a: Agreement, b: Agreement) => b.templateVersion - a.templateVersion;

/** The agreement in force now (art. 12.1: effective on the last signature), if any. */
export function inForce(agreements: readonly Agreement[]): Agreement | undefined {
  return agreements.filter((a) => a.status === "in_force").sort(byVersionDesc)[0];
}

/** The newest version still waiting for a signature (the customer's or the processor's). */
export function pending(agreements: readonly Agreement[]): Agreement | undefined {
  return agreements.filter((a) => a.status === "offered" || a.status === "signed_by_customer").sort(byVersionDesc)[0];
}

/** The agreement whose Annex 1 the customer has signed last (in force, or signed and awaiting the countersignature). */
export function lastSigned(agreements: readonly Agreement[]): Agreement | undefined {
  return agreements.filter((a) => a.status === "in_force" || a.status === "signed_by_customer").sort(byVersionDesc)[0];
}
