import type { Db } from "../../db/engine.ts";
import type { StoredNoticeFacts } from "../../domain/breach-notice.ts";
import type { RegisterRow } from "./documents/register-export.ts";
import { referenceOf } from "./queries.ts";
import { registerEntries } from "./register-queries.ts";

const knownText = (fact: StoredNoticeFacts["cause"]) => (fact?.status === "known" ? fact.value : null);

/** GDPR art. 33(5): every incident with its latest assessment and what was done, for the register export. */
export async function registerRows(db: Db, locale: "nl" | "en"): Promise<RegisterRow[]> {
  return (await registerEntries(db, locale)).map(({ number, facts, ...entry }) => ({
    reference: referenceOf({ number }),
    ...entry,
    measuresTaken: knownText(facts.measuresTaken),
    consequences: knownText(facts.consequences),
  }));
}
