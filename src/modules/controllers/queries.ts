import { and, asc, desc, eq, sql } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { countUpTo } from "../../db/keyset.ts";
import { annexVersions, contacts, controllerDomains, controllers, controllerServices, events, services, supportAssignments } from "../../db/schema/index.ts";

/** art. 9.1 need-to-know: the controllers a support user is assigned to. */
export async function assignedControllerIds(db: Db, userId: string): Promise<Set<string>> {
  const assigned = await db.select({ id: supportAssignments.controllerId }).from(supportAssignments).where(eq(supportAssignments.userId, userId));
  return new Set(assigned.map((r) => r.id));
}

export type AgreementSummaryStatus = "none" | "offered" | "signed_by_customer" | "in_force" | "ended";

export interface ControllerListItem {
  id: string;
  customerNumber: string;
  name: string;
  city: string | null;
  services: string[];
  /** The same services by name, in both languages. */
  serviceNames: { nl: string; en: string }[];
  agreementStatus: AgreementSummaryStatus;
  currentVersion: number | null;
  pendingVersion: number | null;
  effectiveAt: Date | null;
}

export interface ListFilter {
  search?: string | undefined;
  status?: AgreementSummaryStatus | undefined;
  /** Support staff: only these controllers (art. 9.1). */
  onlyIds?: string[] | null;
  /** Keyset: the page after this (name, customer number); else `offset` rows in. */
  after?: { name: string; customerNumber: string } | undefined;
  offset: number;
  limit: number;
}

/** The status of the newest agreement on offer or signed by the customer alone, of the controller `c`. */
const pendingStatus = sql`(select a.status from agreements a join template_versions t on t.id = a.template_version_id
                            where a.controller_id = c.id and a.status in ('offered', 'signed_by_customer') order by t.version desc limit 1)`;
const hasInForce = sql`exists (select 1 from agreements a where a.controller_id = c.id and a.status = 'in_force')`;
/** Its agreement has ended (art. 12.2: its last service ended; modules/ending). */
const hasEnded = sql`exists (select 1 from agreement_endings e where e.controller_id = c.id)`;

/** The agreement summary status as a condition on `c`: the same rule as the list's `agreement_status`, evaluated per row scanned. */
function statusCondition(status: AgreementSummaryStatus | undefined) {
  switch (status) {
    case undefined:
      return sql`true`;
    case "ended":
      return hasEnded;
    case "offered":
    case "signed_by_customer":
      return sql`not ${hasEnded} and ${pendingStatus} = ${status}`;
    case "in_force":
      return sql`not ${hasEnded} and ${pendingStatus} is null and ${hasInForce}`;
    case "none":
      return sql`not ${hasEnded} and ${pendingStatus} is null and not ${hasInForce}`;
  }
}

/**
 * Customers for the staff list, ordered by name and customer number (an index), a page at a time:
 * after a keyset cursor or at an offset. The page's customers are chosen first; only their services
 * and agreement summary are then read, so a page costs the same at 100,000 customers as at 50.
 */
export async function listControllers(db: Db, filter: ListFilter): Promise<{ total: number; totalExact: boolean; items: ControllerListItem[] }> {
  const search = filter.search ? `%${filter.search.toLowerCase()}%` : null;
  const only = filter.onlyIds ?? null;
  // The search goes through its trigram indexes (migration 0021: controllers_matching, for the
  // processor's scope), its ids then found by the primary key (`in (select …)` would read every customer).
  const where = sql`(${search}::text is null or c.id = any(array(select controllers_matching(${search}))))
      and (${only === null} or c.id = any(${sql.param(only ?? [])}::uuid[]))
      and ${statusCondition(filter.status)}`;
  const after = filter.after ? sql`and (c.name, c.customer_number) > (${filter.after.name}, ${filter.after.customerNumber})` : sql``;
  // Counted to 10,000 at most (db/keyset.ts): a count reads every row it counts.
  const count = await countUpTo(db, sql`controllers c`, where);
  const page = await rows<{
    id: string;
    customer_number: string;
    name: string;
    city: string | null;
    services: string[];
    service_names: { nl: string; en: string }[] | string;
    agreement_status: AgreementSummaryStatus;
    current_version: number | null;
    pending_version: number | null;
    effective_at: string | Date | null;
  }>(
    db,
    sql`with page as (select c.id, c.customer_number, c.name, c.city from controllers c where ${where} ${after}
                      order by c.name, c.customer_number offset ${filter.after ? 0 : filter.offset} limit ${filter.limit})
        select c.id, c.customer_number, c.name, c.city, f.version as current_version, f.effective_at,
               p.status as pending_status, p.version as pending_version,
               case when exists (select 1 from agreement_endings e where e.controller_id = c.id) then 'ended'
                    else coalesce(p.status, case when f.version is not null then 'in_force' else 'none' end) end as agreement_status,
               coalesce((select array_agg(s.code order by s.sort_order) from controller_services cs
                         join services s on s.id = cs.service_id where cs.controller_id = c.id), '{}') as services,
               coalesce((select json_agg(json_build_object('nl', s.name_nl, 'en', s.name_en) order by s.sort_order) from controller_services cs
                         join services s on s.id = cs.service_id where cs.controller_id = c.id), '[]') as service_names
          from page c
          left join lateral (select t.version, a.effective_at from agreements a join template_versions t on t.id = a.template_version_id
                             where a.controller_id = c.id and a.status = 'in_force' order by t.version desc limit 1) f on true
          left join lateral (select a.status, t.version from agreements a join template_versions t on t.id = a.template_version_id
                             where a.controller_id = c.id and a.status in ('offered', 'signed_by_customer') order by t.version desc limit 1) p on true
         order by c.name, c.customer_number`,
  );
  return {
    total: count.total,
    totalExact: count.exact,
    items: page.map((r) => ({
      id: r.id,
      customerNumber: r.customer_number,
      name: r.name,
      city: r.city,
      services: r.services,
      serviceNames: typeof r.service_names === "string" ? (JSON.parse(r.service_names) as { nl: string; en: string }[]) : r.service_names,
      agreementStatus: r.agreement_status,
      currentVersion: r.current_version,
      pendingVersion: r.pending_version,
      effectiveAt: r.effective_at ? new Date(r.effective_at) : null,
    })),
  };
}

export async function findController(db: Db, id: string) {
  const [row] = await db.select().from(controllers).where(eq(controllers.id, id));
  return row ?? null;
}

export async function findControllerServices(db: Db, controllerId: string) {
  return db
    .select({ id: services.id, code: services.code, nameNl: services.nameNl, nameEn: services.nameEn, monthlyFeeCents: controllerServices.monthlyFeeCents })
    .from(controllerServices)
    .innerJoin(services, eq(services.id, controllerServices.serviceId))
    .where(eq(controllerServices.controllerId, controllerId))
    .orderBy(asc(services.sortOrder));
}

export async function findContact(db: Db, controllerId: string) {
  const [row] = await db.select().from(contacts).where(eq(contacts.controllerId, controllerId));
  return row ?? null;
}

export async function listAnnexVersions(db: Db, controllerId: string) {
  return db.select().from(annexVersions).where(eq(annexVersions.controllerId, controllerId)).orderBy(desc(annexVersions.version));
}

export async function latestAnnex(db: Db, controllerId: string) {
  const [row] = await db.select().from(annexVersions).where(eq(annexVersions.controllerId, controllerId)).orderBy(desc(annexVersions.version)).limit(1);
  return row ?? null;
}

export async function listControllerEvents(db: Db, controllerId: string, limit: number) {
  return db
    .select()
    .from(events)
    .where(and(eq(events.controllerId, controllerId)))
    .orderBy(desc(events.seq))
    .limit(limit);
}

/** The customer with this customer number, if any. */
export async function findControllerByCustomerNumber(tx: Db, customerNumber: string) {
  const [row] = await tx.select({ id: controllers.id }).from(controllers).where(eq(controllers.customerNumber, customerNumber));
  return row ?? null;
}

export async function insertController(tx: Db, row: typeof controllers.$inferInsert) {
  const [inserted] = await tx.insert(controllers).values(row).returning();
  return inserted ?? null;
}

/** Changes a customer; null if there is none with this id. */
export async function updateControllerRow(tx: Db, id: string, set: Partial<typeof controllers.$inferInsert>) {
  const [row] = await tx.update(controllers).set(set).where(eq(controllers.id, id)).returning({ id: controllers.id });
  return row ?? null;
}

/** Replaces the services a customer takes: the old rows go, the new ones (if any) are written. */
export async function replaceControllerServices(tx: Db, controllerId: string, taken: (typeof controllerServices.$inferInsert)[]) {
  await tx.delete(controllerServices).where(eq(controllerServices.controllerId, controllerId));
  if (taken.length > 0) {
    await tx.insert(controllerServices).values(taken);
  }
}

/** Writes the customer's privacy contact, replacing the one it had. */
export async function upsertContact(tx: Db, controllerId: string, values: Omit<typeof contacts.$inferInsert, "controllerId">) {
  const [saved] = await tx
    .insert(contacts)
    .values({ controllerId, ...values })
    .onConflictDoUpdate({ target: contacts.controllerId, set: values })
    .returning();
  return saved;
}

/** The domain names a customer uses (art. 8.1), in the stored form, alphabetical. */
export async function findControllerDomains(db: Db, controllerId: string): Promise<string[]> {
  const found = await db
    .select({ domain: controllerDomains.domain })
    .from(controllerDomains)
    .where(eq(controllerDomains.controllerId, controllerId))
    .orderBy(asc(controllerDomains.domain));
  return found.map((r) => r.domain);
}

/** Replaces a customer's domain names: the ones no longer listed go, the new ones are written, the rest keep their date. */
export async function replaceControllerDomains(tx: Db, controllerId: string, domains: string[]) {
  await tx.execute(sql`delete from controller_domains where controller_id = ${controllerId} and not (domain = any(${sql.param(domains)}::text[]))`);
  if (domains.length > 0) {
    await tx
      .insert(controllerDomains)
      .values(domains.map((domain) => ({ controllerId, domain })))
      .onConflictDoNothing();
  }
}

/** The codes of the services a customer takes now. */
export async function serviceCodesTaken(tx: Db, controllerId: string): Promise<string[]> {
  const found = await tx
    .select({ code: services.code })
    .from(controllerServices)
    .innerJoin(services, eq(services.id, controllerServices.serviceId))
    .where(eq(controllerServices.controllerId, controllerId));
  return found.map((r) => r.code);
}
