// The baseline of bench/api: a bare Fastify JSON hello-world in its own process, on the port given.
import Fastify from "fastify";

const app = Fastify();
app.get("/", async () => ({ hello: "world" }));
await app.listen({ port: Number(process.argv[2] ?? 3971), host: "127.0.0.1" });
