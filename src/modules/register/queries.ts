// The register's reads (GDPR art. 30(2)): the controllers with their privacy contact and the codes
// of the services they take, a page at a time by customer number (keyset), so an export of any size
// reads at most ROWS_PER_STATEMENT controllers per statement.
import { sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import type { InstructedPurpose } from "../../domain/annex.ts";

export interface ControllerRow {
  id: string;
  customer_number: string;
  name: string;
  kvk: string | null;
  address: string | null;
  postal_code: string | null;
  city: string | null;
  country: string;
  contact_role: "dpo" | "privacy_contact" | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  /** The codes of the services it takes, in catalogue order. */
  services: string[] | null;
  /** The purposes its accepted written instructions added (art. 1.2), oldest first. */
  instructed: InstructedPurpose[] | null;
}

const SELECT = sql`select c.id, c.customer_number, c.name, c.kvk, c.address, c.postal_code, c.city, c.country,
         k.role as contact_role, k.name as contact_name, k.email as contact_email, k.phone as contact_phone,
         (select array_agg(s.code order by s.sort_order, s.code) from controller_services cs join services s on s.id = cs.service_id
           where cs.controller_id = c.id) as services,
         (select json_agg(json_build_object('code', ip.code, 'nl', ip.label_nl, 'en', ip.label_en, 'services', ip.services,
                                            'from', ip.effective_from, 'reference', ip.reference) order by ip.accepted_at, ip.id)
            from instructed_purposes ip where ip.controller_id = c.id) as instructed
    from controllers c left join contacts k on k.controller_id = c.id`;

/** The next `limit` controllers after customer number `after` (null: from the first). */
export async function controllerPage(tx: Db, after: string | null, limit: number): Promise<ControllerRow[]> {
  const where = after === null ? sql`` : sql` where c.customer_number > ${after}`;
  return rows<ControllerRow>(tx, sql`${SELECT}${where} order by c.customer_number limit ${limit}`);
}

/** One controller, or null when there is none the scope may see. */
export async function findControllerRow(tx: Db, id: string): Promise<ControllerRow | null> {
  const [row] = await rows<ControllerRow>(tx, sql`${SELECT} where c.id = ${id}`);
  return row ?? null;
}

export async function countControllers(tx: Db): Promise<number> {
  const [row] = await rows<{ n: number | string }>(tx, sql`select count(*) as n from controllers`);
  return Number(row?.n ?? 0);
}
