import { createHash } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import { inScope } from "../../db/scope.ts";
import type { Clock } from "../../domain/clock.ts";
import { normaliseDomainList } from "../../domain/domain-name.ts";
import { AppError, type FieldError, type Text } from "../../http/errors.ts";
import type { EventActor } from "../evidence/index.ts";
import { customerProblems } from "./check-customer.ts";
import { parseContact, parseCustomerCsv, type CustomerRecord } from "./customer-import.ts";
import type { ImportedCustomer } from "./schemas.ts";
import { importCustomers, type ImportProgress, type ImportSummary } from "./import-customers.ts";
import { serviceCodes } from "./queries.ts";

const SHOWN_ERRORS = 1000;

/** A customer as the JSON import takes it (schemas.ts; the route has checked it, the CLI checks it here). */
export type CustomerJson = ImportedCustomer;

export type ImportInput = { format: "csv"; text: string } | { format: "json"; customers: CustomerJson[] };

function fromJson(customers: CustomerJson[], known: ReadonlySet<string>): { records: CustomerRecord[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  const records = customers.flatMap((c, index) => {
    const line = index + 1;
    const at = (field: string, message: Text) => errors.push({ field: `customers[${index}].${field}`, message });
    // The same schema the API's body has; `art28 import` reads a file without the route's check.
    const problems = customerProblems(c);
    if (problems.length > 0) {
      for (const p of problems) {
        at(p.path.replaceAll(/\/(\d+)/g, "[$1]").replaceAll("/", "."), p.message);
      }
      return [];
    }
    const first = seen.get(c.customerNumber);
    if (first !== undefined) {
      at("customerNumber", `"${c.customerNumber}" appears twice (also customers[${first}])`);
    }
    seen.set(c.customerNumber, index);
    c.services.forEach((s, k) => {
      if (!known.has(s.code)) {
        at(`services[${k}].code`, `"${s.code}" is not a service of the catalogue`);
      }
    });
    const contactErrors: FieldError[] = [];
    const contact = c.contact
      ? parseContact(line, { role: c.contact.role, name: c.contact.name, email: c.contact.email, phone: c.contact.phone ?? "" }, contactErrors, "")
      : null;
    errors.push(...contactErrors.map((e) => ({ field: `customers[${index}].contact.${e.field.replace(/^line \d+: /, "")}`, message: e.message })));
    const domainsGiven = c.domains && c.domains.length > 0 ? c.domains : null;
    const { domains, problems: domainProblems } = normaliseDomainList(domainsGiven ?? []);
    for (const p of domainProblems) {
      at(`domains[${p.index}]`, p.message);
    }
    const record: CustomerRecord = {
      line,
      customerNumber: c.customerNumber,
      name: c.name,
      kvk: c.kvk ?? null,
      address: c.address ?? null,
      postalCode: c.postalCode ?? null,
      city: c.city ?? null,
      country: c.country ?? "NL",
      locale: c.locale ?? "nl",
      services: c.services,
      contact,
      ...(domainsGiven ? { domainsGiven, domains } : {}),
    };
    return [record];
  });
  return { records, errors };
}

/**
 * art. 28 registers start from the billing system: imports customers, their services, fees and
 * privacy contacts. Everything is validated first; any problem → a 400 listing every bad row (by
 * line number) and nothing written. With `dryRun` it stops after validation.
 */
export async function runCustomerImport(
  db: Db,
  clock: Clock,
  actor: EventActor,
  input: ImportInput,
  options: { dryRun: boolean; inviteOwners?: boolean; progress?: ImportProgress },
): Promise<ImportSummary & { dryRun: boolean }> {
  const known = new Set((await serviceCodes(db)).map((s) => s.code));
  if (known.size === 0) {
    throw new AppError("conflict", "Art28 is not set up yet (no service catalogue): start it once with `art28 serve`");
  }
  const sha256 = createHash("sha256")
    .update(input.format === "csv" ? input.text : JSON.stringify(input.customers))
    .digest("hex");
  const { records, errors } = input.format === "csv" ? await parseCustomerCsv(input.text, known) : fromJson(input.customers, known);
  if (errors.length > 0) {
    const shown = errors.slice(0, SHOWN_ERRORS);
    const more = errors.length > SHOWN_ERRORS ? ` (the first ${SHOWN_ERRORS} are listed)` : "";
    throw new AppError("validation", `the import has ${errors.length} problem${errors.length === 1 ? "" : "s"}${more}; nothing was imported`, shown);
  }
  if (records.length === 0) {
    throw new AppError("validation", "the import holds no customers", [{ field: input.format === "csv" ? "file" : "body.customers", message: "is empty" }]);
  }
  if (options.dryRun) {
    const services = records.reduce((n, r) => n + r.services.length, 0);
    return {
      customers: records.length,
      created: 0,
      updated: 0,
      services,
      contacts: records.filter((r) => r.contact).length,
      domains: records.filter((r) => r.domains).length,
      annexVersions: 0,
      ownersInvited: 0,
      agreementsEnded: 0,
      dryRun: true,
    };
  }
  const summary = await inScope(db, { kind: "processor" }, (tx) =>
    importCustomers(tx, clock, actor, records, { format: input.format, sha256 }, options.progress, { inviteOwners: options.inviteOwners ?? false }),
  );
  return { ...summary, dryRun: false };
}
