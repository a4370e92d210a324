import { sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { afterKey, keyOrder, keyText, type KeyKind, type SortKey } from "../../db/keyset.ts";
import type { TransferMechanism } from "../../domain/transfers.ts";

// art. 3.1: where data goes. The rows transfers.ts groups by country and checks against chapter V.

/** The services a customer takes, in catalogue order. */
export async function servicesTakenBy(db: Db, controllerId: string) {
  return rows<{ id: string; code: string; nl: string; en: string }>(
    db,
    sql`select s.id, s.code, s.name_nl as nl, s.name_en as en from controller_services cs join services s on s.id = cs.service_id
        where cs.controller_id = ${controllerId} order by s.sort_order, s.code`,
  );
}

/** Each location of each active sub-processor of a customer's services, per service. */
export async function locationsServing(db: Db, controllerId: string) {
  return rows<{
    subprocessor_id: string;
    name: string;
    service_id: string;
    country: string;
    city: string | null;
    mechanism: TransferMechanism | null;
    sort_order: number;
  }>(
    db,
    sql`select sp.id as subprocessor_id, sp.name, ss.service_id, l.country, l.city, l.mechanism, l.sort_order
        from controller_services cs
        join service_subprocessors ss on ss.service_id = cs.service_id
        join subprocessors sp on sp.id = ss.subprocessor_id and sp.status = 'active'
        join subprocessor_locations l on l.subprocessor_id = sp.id
        where cs.controller_id = ${controllerId}
        order by lower(sp.name), sp.id, l.sort_order`,
  );
}

/**
 * A page of the locations that warn (art. 3.1, chapter V: outside the EEA, no adequacy, no ground;
 * `lawful` and `safeguards` are domain/transfers.ts's rules): each active sub-processor's, and
 * those an announced change would bring in (a relocation's planned ones, an added or replacing
 * sub-processor's own), by sub-processor name, the register's before a change's, in the
 * locations' order; `limit + 1` rows after the key of the last one shown. Their number grows with
 * the sub-processors, not the customers: the union is sorted whole, and only the page's rows count
 * the customers they touch.
 */
export async function warningLocations(
  db: Db,
  rules: { lawful: readonly string[]; safeguards: readonly string[]; dpfCountry: string },
  page: { limit: number; after?: readonly string[] | undefined },
) {
  const after = afterKey(WARNING_KEY, page.after);
  return rows<{
    id: string;
    name: string;
    status: string;
    change_id: string | null;
    country: string;
    city: string | null;
    mechanism: TransferMechanism | null;
    customers: number;
    key: string[];
  }>(
    db,
    sql`with w as (
          select lower(sp.name) as sort_name, sp.id, sp.name, sp.status, '' as source_key, null::uuid as change_id, l.sort_order as ord,
                 l.country, l.city, l.mechanism, null::int as announced_to
            from subprocessors sp join subprocessor_locations l on l.subprocessor_id = sp.id
           where sp.status = 'active'
          union all
          select lower(sp.name), sp.id, sp.name, sp.status, c.id::text, c.id, l.ord, l.country, l.city, l.mechanism, c.affected_count
            from subprocessor_changes c join subprocessors sp on sp.id = c.subprocessor_id
            cross join lateral (
              select e->>'country' as country, e->>'city' as city, e->>'mechanism' as mechanism, x.o::int as ord
                from jsonb_array_elements(c.plan->'locations') with ordinality as x(e, o) where c.kind = 'relocate'
              union all
              select l.country, l.city, l.mechanism, l.sort_order from subprocessor_locations l where c.kind <> 'relocate' and l.subprocessor_id = sp.id
            ) l
           where c.status = 'announced' and c.kind in ('add', 'replace', 'relocate')
        ),
        page as (
          select w.*, ${keyText(WARNING_KEY)} as key from w
           where not (w.country = any(${sql.param([...rules.lawful])}::text[]))
             and not (coalesce(w.mechanism, '') = any(${sql.param([...rules.safeguards])}::text[]))
             and not (w.country = ${rules.dpfCountry} and coalesce(w.mechanism, '') = 'dpf')
             ${after ? sql`and ${after}` : sql``}
           order by ${keyOrder(WARNING_KEY)} limit ${page.limit + 1}
        )
        select page.id, page.name, page.status, page.change_id, page.country, page.city, page.mechanism, page.key,
               coalesce(page.announced_to, (select count(distinct cs.controller_id)::int from service_subprocessors ss
                                             join controller_services cs on cs.service_id = ss.service_id where ss.subprocessor_id = page.id)) as customers
          from page order by ${keyOrder(WARNING_KEY)}`,
  );
}

/** The order of the warnings: sub-processor by name, the register's ('' before a change's id), the locations' order. */
const WARNING_KEY: SortKey[] = [
  { expr: sql`sort_name`, kind: "text" },
  { expr: sql`id`, kind: "uuid" },
  { expr: sql`source_key`, kind: "text" },
  { expr: sql`ord`, kind: "integer" },
];
export const WARNING_LIST_KEY: KeyKind[] = WARNING_KEY.map((k) => k.kind);
