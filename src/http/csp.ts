import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { HelmetOptions } from "helmet";

// The Content-Security-Policy (helmet). Scripts come from this origin only, never inline: the web
// UI's index.html loads its bundle from /assets (Vite emits no inline script), so an injected
// <script> or on…= attribute does not run. Styles may still be inline (React's style props).
// The API reference (/api/docs, Scalar) starts itself with one inline script: its pages alone
// allow that exact script, by its SHA-256, and nothing else inline.

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  // Named although default-src covers them: fonts, fetches and workers from this origin only (the API
  // reference would otherwise fetch web fonts and call its vendor's services).
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  mediaSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  frameSrc: ["'self'"],
  objectSrc: ["'self'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
};

/**
 * The API's answers (JSON, CSV, PDF downloads: nothing a browser renders as a page of Art28's) carry
 * the headers OWASP's REST Security Cheat Sheet names, and no more: a CSP that allows nothing and no
 * framing, HSTS, nosniff, X-Frame-Options DENY, and (set beside these, `API_CACHE_CONTROL`) no
 * caching of what may be personal data. Cross-Origin-Resource-Policy keeps another site from
 * loading an answer as a resource. The page headers (opener policy, referrer policy, origin agent
 * cluster, DNS prefetch, …) mean nothing on a JSON answer; leaving them off makes every answer about
 * 700 bytes and eight headers shorter.
 */
export const API_SECURITY_HEADERS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: { policy: "same-origin" },
  originAgentCluster: false,
  referrerPolicy: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: { action: "deny" },
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};

/** An API answer is not kept by a browser or a proxy; a route may say otherwise (the calendar feed). */
export const API_CACHE_CONTROL = "no-store";

/** Whether a path is the API's (its JSON and files), not a page: the API reference's pages are pages. */
export function isApiPath(url: string): boolean {
  return url.startsWith("/api/") && !url.startsWith(DOCS_PREFIX);
}

/** The pages that are the API reference. */
export const DOCS_PREFIX = "/api/docs";

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** The CSP source expressions ('sha256-…') of the inline scripts of an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)].map(
    (m) =>
      `'sha256-${createHash("sha256")
        .update(m[1] ?? "", "utf8")
        .digest("base64")}'`,
  );
}

/**
 * onSend: an HTML page of the API reference gets script-src with the hashes of its own inline
 * scripts (computed from the bytes sent, so an upgrade of the reference keeps working).
 */
export async function allowDocsInlineScripts(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (!request.url.startsWith(DOCS_PREFIX) || typeof payload !== "string" || !String(reply.getHeader("content-type") ?? "").startsWith("text/html")) {
    return payload;
  }
  const policy = reply.getHeader("content-security-policy");
  const hashes = inlineScriptHashes(payload);
  if (typeof policy === "string" && hashes.length > 0) {
    reply.header(
      "content-security-policy",
      policy.replace(/(^|;)script-src ([^;]*)/, (_whole, start: string, sources: string) => `${start}script-src ${sources} ${hashes.join(" ")}`),
    );
  }
  return payload;
}
