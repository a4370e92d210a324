import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { DOCS_PREFIX } from "./csp.ts";

/**
 * The API reference (/api/docs) works offline and calls nothing outside Art28: no web fonts from
 * Scalar's CDN (the system's fonts), no AI agent or MCP upsell (on by default on localhost), no
 * telemetry, no "open in the API client"/SDK-generation buttons or developer toolbar. Requests tried
 * from the page go to Art28 itself; the CSP (http/csp.ts) refuses any other origin regardless.
 */
const API_REFERENCE = {
  url: "/api/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  hideClientButton: true,
  showDeveloperTools: "never",
  showToolbar: "never",
  hideDarkModeToggle: false,
  documentDownloadType: "json",
} as const;

/** Headers of the inner answer that belong to its own connection, not to the answer passed on. */
const HOP_BY_HOP = new Set(["content-length", "connection", "date", "keep-alive", "transfer-encoding"]);

/**
 * Adds the API reference: Scalar's page, made when it is first asked for. Scalar's package and its
 * 4 MB page script cost every process about 40 MB and a tenth of its start, and most processes never
 * show the page; so Scalar's own Fastify plugin runs in an inner Fastify instance made at the first
 * visit, and these routes answer with what it answers (status, headers, text). The outer app's hooks
 * still apply: the page's headers and its inline script allowed by its hash (csp.ts).
 */
export function registerApiReference(app: FastifyInstance): void {
  let reference: Promise<FastifyInstance> | null = null;
  const inner = () => {
    reference ??= (async () => {
      const { default: scalar } = await import("@scalar/fastify-api-reference");
      const docs = Fastify({ logger: false });
      await docs.register(scalar, { routePrefix: DOCS_PREFIX, configuration: API_REFERENCE });
      await docs.ready();
      return docs;
    })();
    reference.catch(() => (reference = null)); // tried again at the next visit
    return reference;
  };
  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    const answer = await (await inner()).inject({ method: "GET", url: request.url, headers: { host: request.headers.host ?? "localhost" } });
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) {
        reply.header(name, value);
      }
    }
    return reply.status(answer.statusCode).send(answer.body);
  };
  app.get(DOCS_PREFIX, { schema: { hide: true } }, forward);
  app.get(`${DOCS_PREFIX}/*`, { schema: { hide: true } }, forward);
}
