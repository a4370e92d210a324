import { createHash } from "node:crypto";

/** Who a notice's delivery goes to. */
export type RecipientRole = "privacy_contact" | "owner" | "staff" | "endpoint" | "user" | "data_subject";

/**
 * How the evidence log names a delivery's recipient. The log is append-only and kept for good; a
 * data subject who wrote to the processor (art. 8.1) must be erasable after the retention period,
 * so the log holds only the SHA-256 of its address ("sha256:…"), which proves which address was
 * written to while the request's record still names it, and nothing once that is erased. Every
 * other recipient is a party to the agreement and is named.
 */
export function evidenceRecipient(role: RecipientRole, address: string): string {
  return role === "data_subject" ? `sha256:${createHash("sha256").update(address.trim().toLowerCase()).digest("hex")}` : address;
}
