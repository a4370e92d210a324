import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { EVENT_LABELS } from "./event-labels.ts";

// The type check holds the labels to every declared type; this holds them to what people read.
test("every event type declared by a module has a Dutch and an English label that is not its code", () => {
  // A module declares its types in events.ts, or in a topic's <topic>-events.ts beside it.
  const declared = readdirSync(new URL("./modules/", import.meta.url)).flatMap((module) =>
    readdirSync(new URL(`./modules/${module}/`, import.meta.url))
      .filter((file) => file === "events.ts" || file.endsWith("-events.ts"))
      .flatMap((file) => {
        const source = readFileSync(new URL(`./modules/${module}/${file}`, import.meta.url), "utf8");
        return [...source.matchAll(/^\s+"([a-z0-9_.]+)": true;/gm)].map((m) => m[1] ?? "");
      }),
  );
  assert.ok(declared.length > 50, `found ${declared.length} declared event types`);
  const labels: Record<string, { nl: string; en: string }> = EVENT_LABELS;
  for (const type of declared) {
    const label = labels[type];
    assert.ok(label, `${type} has no label`);
    assert.ok(label.nl.trim() && label.en.trim(), `${type} has an empty label`);
    assert.notEqual(label.nl, type);
    assert.doesNotMatch(`${label.nl} ${label.en}`, /[a-z]+[._][a-z]+/, `${type}'s label reads like a code`);
  }
  assert.equal(Object.keys(labels).length, new Set(declared).size, "a label for a type no module declares");
});
