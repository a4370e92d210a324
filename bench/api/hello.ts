// The baselines of bench/api, each a bare Fastify in its own process, on the port given:
//  - no sample: a JSON hello-world;
//  - a sample file ({ headers, body }, taken from an answer of Art28's): that answer's bytes and
//    headers, for every request. What Art28 adds beyond writing the same bytes is the difference.
import { readFileSync } from "node:fs";
import Fastify from "fastify";

const [port = "3971", samplePath] = process.argv.slice(2);
const app = Fastify();
if (samplePath) {
  const sample = JSON.parse(readFileSync(samplePath, "utf8")) as { headers: Record<string, string>; body: string };
  app.get("/", (_request, reply) => reply.headers(sample.headers).send(sample.body));
} else {
  app.get("/", async () => ({ hello: "world" }));
}
await app.listen({ port: Number(port), host: "127.0.0.1" });
