import type { Db } from "../../db/engine.ts";
import type { StoredNoticeFacts } from "../../domain/breach-notice.ts";
import type { RegisterRow } from "./documents/register-export.ts";
import { referenceOf } from "./queries.ts";
import { registerEntries } from "./register-queries.ts";

const knownText = (fact: StoredNoticeFacts["cause"]) => (fact?.status === "known" ? fact.value : null);

/**
 * GDPR art. 33(5): a page of the register export, `limit` incidents by number after the key `after`
 * (the number of the last one written), each with its latest assessment and what was done, and its
 * key (http/download.ts writePages).
 */
export async function registerRows(
  db: Db,
  locale: "nl" | "en",
  after: readonly string[] | undefined,
  limit: number,
): Promise<(RegisterRow & { key: string[] })[]> {
  return (await registerEntries(db, locale, { after: after ? Number(after[0]) : undefined, size: limit })).map(({ number, facts, ...entry }) => ({
    key: [String(number)],
    reference: referenceOf({ number }),
    ...entry,
    measuresTaken: knownText(facts.measuresTaken),
    consequences: knownText(facts.consequences),
  }));
}
