import type { Db } from "../../db/engine.ts";
import { batches } from "../../db/batches.ts";
import type { Clock } from "../../domain/clock.ts";
import { recordEvents, type EventActor } from "../evidence/index.ts";
import { refreshAnnexes } from "../catalogue/index.ts";
import { inviteOwners } from "../auth/index.ts";
import { endAgreements, servicesBefore, type ServicesBefore } from "../ending/index.ts";
import type { CustomerRecord } from "./customer-import.ts";
import {
  controllersByNumber,
  deleteDomainsOf,
  deleteServicesOf,
  domainsOf,
  insertControllerDomains,
  insertControllerServices,
  serviceIdsAndCodes,
  upsertContacts,
  upsertControllers,
} from "./queries.ts";

export interface ImportSummary {
  customers: number;
  created: number;
  updated: number;
  services: number;
  contacts: number;
  /** Customers whose domain names the import gives (and so replaces). */
  domains: number;
  annexVersions: number;
  /** New customers' owners invited (the option `inviteOwners`): by their privacy contact's address. */
  ownersInvited: number;
  /** Customers whose last service ended with this import: their agreements ended (art. 12.2). */
  agreementsEnded: number;
}

export type ImportProgress = (phase: "customers" | "services" | "domains" | "annexes" | "evidence", done: number, total: number) => void;

/**
 * Creates or updates customers from validated records (a billing export): details, the services
 * they take with their fees, their privacy contact; then their Annex 1 versions and the evidence.
 * Set-based, in the caller's transaction: all of it is written, or (on any error) none.
 */
export async function importCustomers(
  tx: Db,
  clock: Clock,
  actor: EventActor,
  records: CustomerRecord[],
  source: { format: "csv" | "json"; sha256: string },
  progress?: ImportProgress,
  options: { inviteOwners?: boolean } = {},
): Promise<ImportSummary> {
  const now = clock.now();
  const numbers = records.map((r) => r.customerNumber);
  const existing = new Map<string, string>();
  for (const part of batches(numbers)) {
    const found = await controllersByNumber(tx, part);
    for (const f of found) {
      existing.set(f.customer_number, f.id);
    }
  }

  const ids = new Map<string, string>();
  let done = 0;
  for (const part of batches(records)) {
    const values = part.map((r) => ({
      customerNumber: r.customerNumber,
      name: r.name,
      kvk: r.kvk,
      address: r.address,
      postalCode: r.postalCode,
      city: r.city,
      country: r.country,
      locale: r.locale,
      createdAt: now,
      updatedAt: now,
    }));
    const saved = await upsertControllers(tx, values);
    for (const s of saved) {
      ids.set(s.customerNumber, s.id);
    }
    done += part.length;
    progress?.("customers", done, records.length);
  }
  const idOf = (r: CustomerRecord) => ids.get(r.customerNumber) ?? "";
  const allIds = records.map(idOf);

  const catalogue = await serviceIdsAndCodes(tx);
  const serviceId = new Map(catalogue.map((s) => [s.code, s.id]));
  // art. 12.2: a customer whose record now has no service ends its agreement (after the services are replaced).
  const before: ServicesBefore[] = [];
  const emptied = records.filter((r) => r.services.length === 0 && existing.has(r.customerNumber)).map(idOf);
  for (const part of batches(emptied)) {
    before.push(...(await servicesBefore(tx, part)));
  }
  for (const part of batches(allIds)) {
    await deleteServicesOf(tx, part);
  }
  const serviceRows = records.flatMap((r) =>
    r.services.map((s) => ({ controllerId: idOf(r), serviceId: serviceId.get(s.code) ?? "", monthlyFeeCents: s.monthlyFeeCents, since: now })),
  );
  done = 0;
  for (const part of batches(serviceRows)) {
    await insertControllerServices(tx, part);
    done += part.length;
    progress?.("services", done, serviceRows.length);
  }
  const contactRows = records.flatMap((r) => (r.contact ? [{ controllerId: idOf(r), ...r.contact, updatedAt: now, confirmedAt: now }] : []));
  for (const part of batches(contactRows)) {
    await upsertContacts(tx, part);
  }

  const domainChanges = await replaceDomains(tx, records, idOf, progress);

  progress?.("annexes", 0, allIds.length);
  const changed = await refreshAnnexes(tx, clock, actor, allIds, `import (${source.format}, sha256 ${source.sha256.slice(0, 12)})`);
  progress?.("annexes", allIds.length, allIds.length);
  const ended = await endAgreements(tx, clock, actor, before, `import (${source.format}, sha256 ${source.sha256.slice(0, 12)})`);

  const created = records.filter((r) => !existing.has(r.customerNumber)).length;
  await recordEvents(tx, clock, [
    ...records.map((r) => ({
      type: existing.has(r.customerNumber) ? ("controller.updated_by_import" as const) : ("controller.created_by_import" as const),
      actor,
      controllerId: idOf(r),
      subject: { type: "controller", id: idOf(r) },
      data: {
        line: r.line,
        name: r.name,
        kvk: r.kvk,
        services: r.services,
        contact: r.contact,
        ...(domainChanges.has(r.customerNumber) ? { domains: domainChanges.get(r.customerNumber) } : {}),
        sourceSha256: source.sha256,
      },
    })),
    {
      type: "import.customers" as const,
      actor,
      controllerId: null,
      data: {
        format: source.format,
        sha256: source.sha256,
        customers: records.length,
        created,
        updated: records.length - created,
        services: serviceRows.length,
        domains: records.filter((r) => r.domains).length,
      },
    },
  ]);
  progress?.("evidence", records.length, records.length);
  // A new customer's owner is invited at the privacy contact's address (the export has no other person).
  const ownersInvited = options.inviteOwners
    ? await inviteOwners(
        tx,
        clock,
        actor,
        records.flatMap((r) =>
          !existing.has(r.customerNumber) && r.contact
            ? [{ controllerId: idOf(r), customerName: r.name, name: r.contact.name, email: r.contact.email, locale: r.locale }]
            : [],
        ),
      )
    : 0;
  return {
    ownersInvited,
    customers: records.length,
    created,
    updated: records.length - created,
    services: serviceRows.length,
    contacts: contactRows.length,
    domains: records.filter((r) => r.domains).length,
    annexVersions: changed.length,
    agreementsEnded: ended.length,
  };
}

/**
 * art. 8.1: the customers whose record gives domain names get exactly those; the others keep
 * theirs. Only a customer whose list changes is rewritten (its names' dates stay otherwise); what
 * each gained and lost, by customer number, for its evidence event.
 */
async function replaceDomains(
  tx: Db,
  records: CustomerRecord[],
  idOf: (r: CustomerRecord) => string,
  progress?: ImportProgress,
): Promise<Map<string, { added: string[]; removed: string[]; domains: string[] }>> {
  const given = records.filter((r) => r.domains);
  const before = new Map<string, string[]>();
  for (const part of batches(given.map(idOf))) {
    for (const row of await domainsOf(tx, part)) {
      before.set(row.controller_id, [...(before.get(row.controller_id) ?? []), row.domain]);
    }
  }
  const changes = new Map<string, { added: string[]; removed: string[]; domains: string[] }>();
  const changedIds: string[] = [];
  const domainRows: { controllerId: string; domain: string }[] = [];
  for (const r of given) {
    const domains = r.domains ?? [];
    const had = before.get(idOf(r)) ?? [];
    const added = domains.filter((d) => !had.includes(d));
    const removed = had.filter((d) => !domains.includes(d)).sort();
    if (added.length > 0 || removed.length > 0) {
      changes.set(r.customerNumber, { added, removed, domains });
      changedIds.push(idOf(r));
      domainRows.push(...domains.map((domain) => ({ controllerId: idOf(r), domain })));
    }
  }
  for (const part of batches(changedIds)) {
    await deleteDomainsOf(tx, part);
  }
  let done = 0;
  for (const part of batches(domainRows)) {
    await insertControllerDomains(tx, part);
    done += part.length;
    progress?.("domains", done, domainRows.length);
  }
  return changes;
}
