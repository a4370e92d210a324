import { sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import type { TransferMechanism } from "../../domain/transfers.ts";

// art. 3.1: where data goes. The rows transfers.ts groups by country and checks against chapter V.

interface PlannedLocation {
  country: string;
  city: string | null;
  mechanism: TransferMechanism | null;
}

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

/** Each location of every active sub-processor, with how many customers' data goes there. */
export async function activeLocations(db: Db) {
  return rows<{
    id: string;
    name: string;
    status: string;
    country: string;
    city: string | null;
    mechanism: TransferMechanism | null;
    customers: number;
  }>(
    db,
    sql`select sp.id, sp.name, sp.status, l.country, l.city, l.mechanism,
               (select count(distinct cs.controller_id)::int from service_subprocessors ss join controller_services cs on cs.service_id = ss.service_id
                where ss.subprocessor_id = sp.id) as customers
        from subprocessors sp join subprocessor_locations l on l.subprocessor_id = sp.id
        where sp.status = 'active' order by lower(sp.name), sp.id, l.sort_order`,
  );
}

/** Announced changes that bring locations in (add, replace, relocate): the planned and current locations, and whom they were announced to. */
export async function plannedLocations(db: Db) {
  return rows<{
    change_id: string;
    kind: string;
    id: string;
    name: string;
    status: string;
    plan_locations: PlannedLocation[] | null;
    own_locations: PlannedLocation[];
    customers: number;
  }>(
    db,
    sql`select c.id as change_id, c.kind, sp.id, sp.name, sp.status, c.plan->'locations' as plan_locations, c.affected_count as customers,
               coalesce((select json_agg(json_build_object('country', l.country, 'city', l.city, 'mechanism', l.mechanism) order by l.sort_order)
                         from subprocessor_locations l where l.subprocessor_id = sp.id), '[]'::json) as own_locations
        from subprocessor_changes c join subprocessors sp on sp.id = c.subprocessor_id
        where c.status = 'announced' and c.kind in ('add', 'replace', 'relocate') order by c.announced_at`,
  );
}
