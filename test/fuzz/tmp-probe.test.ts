import { test } from "node:test";
import { createTestApp } from "../support/app.ts";
import { buildWorld } from "./fixtures.ts";
import { multipart } from "../support/sessions.ts";
test("probe", async () => {
  const t = await createTestApp();
  const w = await buildWorld(t);
  const r1 = await w.admin.sendText(`/api/v1/subprocessors/${w.ids.subprocessors}/contract`, "--x\r\nnonsense", "multipart/form-data; boundary=x");
  console.log("contract malformed", r1.statusCode, r1.body.slice(0, 300));
  const r1b = await w.owner.sendText(`/api/v1/objections/${w.ids.objections}/messages`, "--x\r\nnonsense", "multipart/form-data; boundary=x");
  console.log("message malformed", r1b.statusCode, r1b.body.slice(0, 300));
  const form = multipart([{ name: "body", value: "a\u0000b" }]);
  const r2 = await w.owner.sendText(`/api/v1/objections/${w.ids.objections}/messages`, form.payload.toString("latin1"), form.contentType);
  console.log("message NUL", r2.statusCode, r2.body.slice(0, 300));
  const form3 = multipart([
    { name: "body", value: "ok" },
    { name: "files", filename: "a\u0000.txt", type: "text/pl\u0000ain", data: Buffer.from("x") },
  ]);
  const r3 = await w.owner.sendText(`/api/v1/objections/${w.ids.objections}/messages`, form3.payload.toString("latin1"), form3.contentType);
  console.log("file NUL", r3.statusCode, r3.body.slice(0, 300));
  const r4 = await w.admin.send("POST", "/api/v1/controllers", {
    customerNumber: "X-1",
    name: "N",
    kvk: null,
    address: "\ud800",
    postalCode: null,
    city: null,
    country: "NL",
    locale: "nl",
  });
  console.log("surrogate", r4.statusCode, r4.body.slice(0, 300));
  await t.close();
});
