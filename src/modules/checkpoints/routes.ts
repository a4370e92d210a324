// Checkpoints: staff make one on demand; anyone reads them, with the public key, as JSON and Atom.
import { Feed } from "feed";
import { Type } from "typebox";
import type { StaffRole } from "../../db/schema/index.ts";
import { inScope } from "../../db/scope.ts";
import { NO_CUSTOMERS, PUBLIC } from "../../http/audience.ts";
import { conflict } from "../../http/errors.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, FileResponses } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { eventActor } from "../evidence/index.ts";
import { makeCheckpoint } from "./make-checkpoint.ts";
import { latestCheckpoints } from "./queries.ts";
import { checkpointKey } from "./signing-key.ts";
import { checkpointWords } from "./words.ts";

/** Who may make a checkpoint on demand. */
const MAKERS: readonly StaffRole[] = ["admin", "privacy_officer", "security_officer"];
const RATE_LIMIT = { rateLimit: { max: 120, timeWindow: "1 minute" } };
const SHOWN = 100;
/** Where users reach Art28 (as notices/context.ts reads it; not imported: the outbox imports this module). */
const publicUrl = () => (process.env.ART28_PUBLIC_URL ?? "http://localhost:3000").replace(/\/+$/, "");
/** Public rows only: the checkpoints table is readable by every scope. */
const PUBLIC_SCOPE = { kind: "controller", controllerId: "00000000-0000-0000-0000-000000000000" } as const;

const Made = Type.Object({ number: Type.Integer(), treeSize: Type.Integer(), root: Type.String(), madeAt: Type.String({ format: "date-time" }) });
const Published = Type.Object({
  publicKey: Type.String({ description: "the processor's Ed25519 public key, raw, base64" }),
  keyId: Type.String({ description: "SHA-256 of the raw public key, hex" }),
  checkpoints: Type.Array(
    Type.Object({
      number: Type.Integer(),
      treeSize: Type.Integer(),
      root: Type.String(),
      madeAt: Type.String({ format: "date-time" }),
      statement: Type.String({ description: "the exact text signed (RFC 8785 JSON)" }),
      signature: Type.String({ description: "Ed25519 signature of the statement, base64" }),
      keyId: Type.String(),
    }),
  ),
});

export function checkpointRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  app.post(
    "/checkpoints",
    {
      config: { audience: { staff: MAKERS, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["evidence"],
        summary: "Make and sign a checkpoint now (the sweep makes one every ART28_CHECKPOINT_MINUTES, default 60)",
        response: { 201: Made, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const key = checkpointKey();
      if (!key) {
        throw conflict(checkpointWords.noKey);
      }
      const made = await inScope(db, { kind: "processor" }, (tx) => makeCheckpoint(tx, clock, key, eventActor(actorOf(request))));
      return reply.code(201).send(made);
    },
  );

  const published = async () => {
    const rows = await inScope(db, PUBLIC_SCOPE, (tx) => latestCheckpoints(tx, SHOWN));
    const key = checkpointKey();
    return {
      publicKey: key?.publicKey ?? "",
      keyId: key?.keyId ?? "",
      checkpoints: rows.map((row) => ({ ...row, madeAt: row.madeAt.toISOString() })),
    };
  };

  app.get(
    "/trust/checkpoints",
    {
      config: { ...RATE_LIMIT, audience: PUBLIC },
      schema: {
        tags: ["trust"],
        summary: "The published checkpoints of the evidence log (no login): the public key and the latest signed tree heads, newest first",
        security: [],
        response: { 200: Published, ...ErrorResponses },
      },
    },
    async () => published(),
  );

  app.get(
    "/trust/checkpoints.atom",
    {
      config: { ...RATE_LIMIT, audience: PUBLIC },
      schema: {
        tags: ["trust"],
        summary: "Atom feed of the published checkpoints (no login), in Dutch or English",
        security: [],
        querystring: Type.Object({ lang: Type.Enum(["nl", "en"], { default: "nl" }) }, { additionalProperties: false }),
        produces: ["application/atom+xml"],
        response: FileResponses("the Atom feed", "application/atom+xml"),
      },
    },
    async (request, reply) => {
      const { publicKey, checkpoints } = await published();
      const locale = request.query.lang;
      const base = publicUrl();
      const feed = new Feed({
        id: `${base}/api/v1/trust/checkpoints`,
        title: checkpointWords.feedTitle[locale],
        description: `${checkpointWords.feedSubtitle[locale]} Ed25519: ${publicKey}`,
        link: `${base}/trust/verify`,
        feed: `${base}/api/v1/trust/checkpoints.atom?lang=${locale}`,
        updated: checkpoints[0] ? new Date(checkpoints[0].madeAt) : new Date(0),
        author: { name: "Art28" },
        generator: "Art28",
        copyright: "",
      });
      for (const checkpoint of checkpoints) {
        feed.addItem({
          id: `${base}/api/v1/trust/checkpoints#${checkpoint.number}`,
          title: `${checkpointWords.entry[locale]} ${checkpoint.number}: ${checkpoint.root}`,
          link: `${base}/api/v1/trust/checkpoints#${checkpoint.number}`,
          date: new Date(checkpoint.madeAt),
          content: `<pre>${checkpoint.statement.replaceAll("&", "&amp;").replaceAll("<", "&lt;")}</pre><p>Ed25519: ${checkpoint.signature}</p>`,
        });
      }
      return reply.type("application/atom+xml; charset=utf-8").send(feed.atom1());
    },
  );
}
