import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { rows, type Db } from "../../db/engine.ts";
import { services, serviceSubprocessors, subprocessorChanges, subprocessorLocations, subprocessors } from "../../db/schema/index.ts";
import type { LocalizedText } from "../../domain/text.ts";
import type { TransferMechanism } from "../../domain/transfers.ts";

// The sub-processor register (art. 5): its rows with their locations, services and contract on file.
// The contract's bytes are read only by findContract, never by a list.

export type SubprocessorStatus = "proposed" | "active" | "removed";

export interface LocationRow {
  country: string;
  city: string | null;
  mechanism: TransferMechanism | null;
}

export interface ServiceRef {
  id: string;
  code: string;
  nl: string;
  en: string;
}

export interface SubprocessorView {
  id: string;
  name: string;
  activity: LocalizedText;
  website: string | null;
  status: SubprocessorStatus;
  contract: { fileName: string; mediaType: string; sha256: string; size: number; uploadedAt: Date } | null;
  locations: LocationRow[];
  services: ServiceRef[];
  createdAt: Date;
  updatedAt: Date;
  /** The announced change that concerns it, if one is pending. */
  pendingChangeId: string | null;
}

// Drizzle leaves a column unqualified in a one-table query, which inside a subquery would name the
// subquery's own column: these correlated subqueries spell the outer column out.
const pendingChange = sql<string | null>`(select c.id from subprocessor_changes c where c.status = 'announced'
  and (c.subprocessor_id = "subprocessors"."id" or c.replaces_id = "subprocessors"."id") order by c.announced_at desc limit 1)`;

/** A proposed sub-processor is the processor's draft until a change announces it. */
const announcedOrEngaged = or(
  ne(subprocessors.status, "proposed"),
  sql`exists (select 1 from subprocessor_changes c where c.status <> 'withdrawn' and c.subprocessor_id = "subprocessors"."id")`,
);

export interface RegisterFilter {
  ids?: string[];
  status?: SubprocessorStatus | undefined;
  /** Customers and the public do not see unannounced proposals. */
  announcedOnly?: boolean;
}

export async function listSubprocessors(db: Db, filter: RegisterFilter = {}): Promise<SubprocessorView[]> {
  const conditions: (SQL | undefined)[] = [
    filter.ids ? inArray(subprocessors.id, filter.ids) : undefined,
    filter.status ? eq(subprocessors.status, filter.status) : undefined,
    filter.announcedOnly ? announcedOrEngaged : undefined,
  ];
  if (filter.ids?.length === 0) {
    return [];
  }
  const found = await db
    .select({
      id: subprocessors.id,
      name: subprocessors.name,
      activity: subprocessors.activity,
      website: subprocessors.website,
      status: subprocessors.status,
      contractFileName: subprocessors.contractFileName,
      contractMediaType: subprocessors.contractMediaType,
      contractSha256: subprocessors.contractSha256,
      contractSize: sql<number | null>`octet_length(${subprocessors.contractBytes})`,
      contractUploadedAt: subprocessors.contractUploadedAt,
      createdAt: subprocessors.createdAt,
      updatedAt: subprocessors.updatedAt,
      pendingChangeId: pendingChange,
    })
    .from(subprocessors)
    .where(and(...conditions))
    .orderBy(asc(sql`lower(${subprocessors.name})`), asc(subprocessors.id));
  if (found.length === 0) {
    return [];
  }
  const ids = found.map((r) => r.id);
  const [locations, links] = [await locationsOf(db, ids), await servicesOf(db, ids)];
  return found.map((r) => ({
    id: r.id,
    name: r.name,
    activity: r.activity,
    website: r.website,
    status: r.status,
    contract:
      r.contractSha256 && r.contractFileName && r.contractUploadedAt
        ? {
            fileName: r.contractFileName,
            mediaType: r.contractMediaType ?? "application/octet-stream",
            sha256: r.contractSha256,
            size: Number(r.contractSize ?? 0),
            uploadedAt: r.contractUploadedAt,
          }
        : null,
    locations: locations.filter((l) => l.subprocessorId === r.id).map(({ country, city, mechanism }) => ({ country, city, mechanism })),
    services: links.filter((l) => l.subprocessorId === r.id).map(({ id, code, nl, en }) => ({ id, code, nl, en })),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    pendingChangeId: r.pendingChangeId,
  }));
}

export async function findSubprocessor(db: Db, id: string, announcedOnly = false): Promise<SubprocessorView | null> {
  const [row] = await listSubprocessors(db, { ids: [id], announcedOnly });
  return row ?? null;
}

export async function locationsOf(db: Db, subprocessorIds: string[]) {
  if (subprocessorIds.length === 0) {
    return [];
  }
  return db
    .select({
      subprocessorId: subprocessorLocations.subprocessorId,
      country: subprocessorLocations.country,
      city: subprocessorLocations.city,
      mechanism: subprocessorLocations.mechanism,
    })
    .from(subprocessorLocations)
    .where(inArray(subprocessorLocations.subprocessorId, subprocessorIds))
    .orderBy(asc(subprocessorLocations.sortOrder), asc(subprocessorLocations.id));
}

export async function servicesOf(db: Db, subprocessorIds: string[]) {
  if (subprocessorIds.length === 0) {
    return [];
  }
  return db
    .select({ subprocessorId: serviceSubprocessors.subprocessorId, id: services.id, code: services.code, nl: services.nameNl, en: services.nameEn })
    .from(serviceSubprocessors)
    .innerJoin(services, eq(services.id, serviceSubprocessors.serviceId))
    .where(inArray(serviceSubprocessors.subprocessorId, subprocessorIds))
    .orderBy(asc(services.sortOrder), asc(services.code));
}

export async function findServices(db: Db, ids: string[]): Promise<ServiceRef[]> {
  if (ids.length === 0) {
    return [];
  }
  return db
    .select({ id: services.id, code: services.code, nl: services.nameNl, en: services.nameEn })
    .from(services)
    .where(inArray(services.id, ids))
    .orderBy(asc(services.sortOrder), asc(services.code));
}

export async function findContract(db: Db, id: string) {
  const [row] = await db
    .select({
      fileName: subprocessors.contractFileName,
      mediaType: subprocessors.contractMediaType,
      sha256: subprocessors.contractSha256,
      bytes: subprocessors.contractBytes,
    })
    .from(subprocessors)
    .where(eq(subprocessors.id, id));
  return row?.bytes && row.fileName && row.sha256
    ? { fileName: row.fileName, mediaType: row.mediaType ?? "application/octet-stream", sha256: row.sha256, bytes: row.bytes }
    : null;
}

/**
 * art. 5.3: whether a sub-processor is involved in a customer's processing, so the customer may
 * read its contract: it serves one of the customer's services, or it is named in a change that was
 * announced to the customer and not withdrawn (so the customer can judge it before objecting).
 */
export async function isInvolvedWith(db: Db, subprocessorId: string, controllerId: string): Promise<boolean> {
  const [row] = await rows<{ involved: boolean }>(
    db,
    sql`
    select exists (
      select 1 from service_subprocessors ss
      join subprocessors s on s.id = ss.subprocessor_id and s.status = 'active'
      join controller_services cs on cs.service_id = ss.service_id
      where ss.subprocessor_id = ${subprocessorId} and cs.controller_id = ${controllerId}
    ) or exists (
      select 1 from subprocessor_changes c join change_recipients r on r.change_id = c.id
      where (c.subprocessor_id = ${subprocessorId} or c.replaces_id = ${subprocessorId})
        and c.status <> 'withdrawn' and r.controller_id = ${controllerId}
    ) as involved`,
  );
  return row?.involved === true;
}

/** Changes still announced that name this sub-processor (as the one concerned or the one replaced). */
export async function pendingChangesOf(db: Db, subprocessorId: string) {
  return db
    .select({ id: subprocessorChanges.id, kind: subprocessorChanges.kind })
    .from(subprocessorChanges)
    .where(
      and(
        eq(subprocessorChanges.status, "announced"),
        or(eq(subprocessorChanges.subprocessorId, subprocessorId), eq(subprocessorChanges.replacesId, subprocessorId)),
      ),
    )
    .orderBy(desc(subprocessorChanges.announcedAt));
}
