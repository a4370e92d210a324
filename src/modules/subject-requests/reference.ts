import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { isIP } from "node:net";
import type { SubjectRequestContent } from "../../db/schema/index.ts";
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
 * The domain names a request points to, for proposing its customer: the requester's e-mail domain
 * and the website or domain it typed, each with its parent domains down to two labels
 * ("shop.example.nl" → shop.example.nl, example.nl). Lower case, without "www.".
 */
export function candidateDomains(content: Pick<SubjectRequestContent, "email" | "website" | "organisation">): string[] {
  const out = new Set<string>();
  const add = (raw: string | null) => {
    if (!raw) {
      return;
    }
    let host = raw.trim().toLowerCase();
    host = host.includes("@") ? (host.split("@").pop() ?? "") : host;
    host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").split(/[/?#:\s]/)[0] ?? "";
    host = host.replace(/^www\./, "").replace(/\.$/, "");
    const labels = host.split(".");
    if (labels.length < 2 || labels.some((l) => !/^[a-z0-9-]{1,63}$/.test(l))) {
      return;
    }
    for (let i = 0; i <= labels.length - 2; i += 1) {
      out.add(labels.slice(i).join("."));
    }
  };
  add(content.website);
  add(content.email);
  // The organisation as typed may be a domain ("bakkerij.nl"); a name ("Bakkerij Jansen") gives none.
  add(/^[^\s]+\.[a-z]{2,}$/i.test(content.organisation.trim()) ? content.organisation : null);
  return [...out];
}
