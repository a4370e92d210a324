import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/support/app.ts";
import { customer, staffSession, type Customer, type Session } from "../../../test/support/sessions.ts";
import { assertQueryChecked, walkEach } from "../../../test/support/pages.ts";
import { rows } from "../../db/engine.ts";
import { assessLocation, type TransferMechanism } from "../../domain/transfers.ts";

// The transfer warnings at any number (issue 16): by sub-processor, a page after a keyset cursor
// (the next one in the Link header, so the answer stays the array it was); the query's rules for
// an unlawful location are assessLocation's, so the pages hold exactly the locations it refuses.

interface Warning {
  subprocessor: { id: string; name: string };
  country: string;
  mechanism: TransferMechanism | null;
  source: string;
}

const COUNTRIES = ["NL", "IN", "US", "CH", "BR", "JP", "CN"] as const;
const MECHANISMS = [null, "scc", "dpf", "bcr", "art49"] as const;

let t: TestApp;
let officer: Session;
let alfa: Customer;
let expected = 0;
before(async () => {
  t = await createTestApp();
  officer = await staffSession(t, "privacy_officer");
  alfa = await customer(t, "Doorgifte Alfa", ["web-hosting"]);
  // 60 active sub-processors with 5 locations each, every country with every mechanism (and 2
  // sub-processors of the same name: the id orders them), and 5 inactive ones that never warn.
  await t.database.db.execute(
    sql`insert into subprocessors (name, activity, status)
        select 'Verwerker ' || lpad((g / 2)::text, 3, '0'), '{"nl":"x","en":"x"}'::jsonb, case when g > 60 then 'removed' else 'active' end
          from generate_series(1, 65) g`,
  );
  await t.database.db.execute(
    sql`insert into subprocessor_locations (subprocessor_id, country, mechanism, sort_order)
        select sp.id, (${sql.param([...COUNTRIES])}::text[])[1 + (n + i) % ${COUNTRIES.length}],
               (${sql.param([...MECHANISMS])}::text[])[1 + (n * 3 + i) % ${MECHANISMS.length}], i
          from (select id, row_number() over (order by id) as n from subprocessors) sp, generate_series(0, 4) i`,
  );
  const located = await rows<{ country: string; mechanism: TransferMechanism | null }>(
    t.database.db,
    sql`select l.country, l.mechanism from subprocessor_locations l join subprocessors sp on sp.id = l.subprocessor_id where sp.status = 'active'`,
  );
  expected = located.filter((l) => !assessLocation(l).lawful).length;
});
after(async () => {
  await t.close();
});

test("the pages hold every location assessLocation refuses, once, by sub-processor", async () => {
  assert.ok(expected > 50, `${expected} warnings`);
  // A sub-processor's locations are in different countries.
  const pages = await walkEach<Warning>(officer.get, "/api/v1/transfers/warnings?limit=7", {
    count: expected,
    key: (w) => `${w.subprocessor.id} ${w.country}`,
    by: (w) => w.subprocessor.name.toLowerCase(),
  });
  const walked = pages.flat();
  assert.ok(walked.every((w) => !assessLocation(w).lawful));
  const whole = (await officer.get("/api/v1/transfers/warnings?limit=500")).json<Warning[]>();
  assert.deepEqual(walked, whole, "the pages are the one big page cut up");
});

test("customers never; a bad cursor is a 400 naming querystring.after; limit is bounded", async () => {
  assert.equal((await alfa.owner.get("/api/v1/transfers/warnings")).statusCode, 403);
  await assertQueryChecked(officer.get, "/api/v1/transfers/warnings", 500);
});
