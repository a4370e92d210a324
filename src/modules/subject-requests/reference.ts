import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { isIP } from "node:net";
import type { SubjectRequestContent } from "../../db/schema/index.ts";
import { candidateDomains } from "../../domain/domain-name.ts";
import { referenceYear } from "../../domain/notice-reference.ts";
import type { EventActor } from "../evidence/index.ts";

/** Who acts on a request: as the evidence names them, and as a person. */
export interface Who {
  actor: EventActor;
  userId: string;
  name: string;
}

/** A request's readable reference: B-<year received, in the processor's zone>-<number>, e.g. B-2026-0007. */
export function requestReference(number: number, receivedAt: Date): string {
  return `B-${referenceYear(receivedAt)}-${String(number).padStart(4, "0")}`;
}

/** SHA-256 of the request as received (its content and its files' hashes, canonical JSON): what the evidence keeps. */
export function contentSha256(content: SubjectRequestContent, fileHashes: readonly string[]): string {
  return createHash("sha256")
    .update(canonicalize({ content, files: [...fileHashes] }) ?? "")
    .digest("hex");
}

/** The network an address is in, for the form's flood limit: an IPv4 /24 or an IPv6 /48. */
export function networkOf(address: string): string {
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (isIP(v4) === 4) {
    return `${v4.split(".").slice(0, 3).join(".")}.0/24`;
  }
  if (isIP(address) === 6) {
    const [head = "", tail = ""] = address.split("::");
    const left = head === "" ? [] : head.split(":");
    const right = tail === "" ? [] : tail.split(":");
    const groups = address.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
    return `${groups
      .slice(0, 3)
      .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""))
      .join(":")}::/48`;
  }
  return address;
}

/**
 * The domain names a request points to, for proposing its customer: the website or domain typed,
 * the requester's e-mail domain, and the organisation when it was typed as a domain ("bakkerij.nl"),
 * each with its parents down to two labels (domain-name.ts); a name ("Bakkerij Jansen") gives none.
 */
export function requestDomains(content: Pick<SubjectRequestContent, "email" | "website" | "organisation">): string[] {
  const typed = [content.website, content.email, /^[^\s]+\.[a-z]{2,}$/i.test(content.organisation.trim()) ? content.organisation : null];
  return [...new Set(typed.flatMap((value) => (value ? candidateDomains(value) : [])))];
}
