import { createHash } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { SYSTEM_ACTOR } from "../evidence/index.ts";
import { hashPassword } from "../auth/index.ts";
import { controllersByNumber, importCustomers, type CustomerRecord } from "../imports/index.ts";
import { findAgreement, offerTemplateVersion } from "../agreements/index.ts";
import { signAgreement } from "../agreements/index.ts";
import { countersignAgreement } from "../agreements/index.ts";
import { composeAgreementDocument } from "../agreements/index.ts";
import { renderForSigning } from "../agreements/index.ts";
import type { ProcessorSeed } from "./install.ts";
import { readDemoSubprocessors } from "./defaults.ts";
import {
  agreementsWithOwners,
  findServiceIdByCode,
  findUserIdByEmail,
  insertServiceSubprocessors,
  insertSubprocessorLocations,
  insertSubprocessors,
  insertSupportAssignments,
  insertUsers,
  servicesByCode,
  setContactsConfirmedAt,
} from "./queries.ts";
import { sweepContactConfirmations } from "../contacts/index.ts";
import { fixedClock } from "../../domain/clock.ts";
import { createSubprocessor } from "../subprocessors/index.ts";
import { announceSubprocessorChange } from "../subprocessors/index.ts";
import { addAffectedCustomers, proposeCustomers } from "../breaches/index.ts";
import { assessIncident } from "../breaches/index.ts";
import { closeIncident } from "../breaches/index.ts";
import { saveSharedFacts } from "../breaches/index.ts";
import { findIncident, type IncidentRow } from "../breaches/index.ts";
import { recordIncident } from "../breaches/index.ts";
import { sendBreachNotices } from "../breaches/index.ts";
import { seedMeasureRegister } from "../measures/index.ts";
import { seedDemoCases } from "./demo-cases.ts";
import { seedDemoSubjectRequests } from "./demo-subject-requests.ts";
import { normaliseDomainList } from "../../domain/domain-name.ts";
import { seedDemoAccess } from "./demo-access.ts";
import { seedDemoDisclosures } from "./demo-disclosures.ts";
import { seedDemoEnding } from "./demo-ending.ts";
import { seedDemoAudits } from "./demo-audits.ts";
import { seedDemoClaims } from "./demo-claims.ts";

export const DEMO_PASSWORD = "art28-demo";
export const DEMO_PROCESSOR: ProcessorSeed = {
  name: "Norisk Software BV",
  kvk: "55365655",
  address: "Johan van Zwedenlaan 1",
  postalCode: "9737 AC",
  city: "Groningen",
  court: "Rechtbank Noord-Nederland",
  privacyEmail: "privacy@norisk.example",
};
export const DEMO_STAFF = [
  { email: "privacy@norisk.example", name: "Priya de Vries", role: "privacy_officer" },
  { email: "security@norisk.example", name: "Sander Bakker", role: "security_officer" },
  { email: "support@norisk.example", name: "Sophie Jansen", role: "support" },
  { email: "auditor@norisk.example", name: "Arjen Visser", role: "auditor" },
] as const;

const PREFIX = [
  "Bakkerij",
  "Tandartspraktijk",
  "Administratiekantoor",
  "Fietsenwinkel",
  "Advocatenkantoor",
  "Huisartsenpraktijk",
  "Webwinkel",
  "Stichting",
  "Installatiebedrijf",
  "Kinderopvang",
];
const SURNAME = [
  "De Jong",
  "Jansen",
  "De Vries",
  "Van den Berg",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "Mulder",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "Dekker",
  "Brouwer",
];
const CITIES = ["Groningen", "Assen", "Leeuwarden", "Zwolle", "Utrecht", "Amsterdam", "Rotterdam", "Eindhoven", "Haarlem", "Delft"];
const SERVICE_SETS = [
  ["web-hosting", "email", "ssl-certificates"],
  ["vps-hosting", "backup"],
  ["email", "office-365"],
  ["dedicated-hosting", "private-network", "load-balancing"],
  ["domain-registration", "web-hosting"],
  ["colocation"],
  ["cloud-storage", "backup"],
];

/** Deterministic: the same demo every time (customer i always gets the same data). */
function customer(i: number) {
  const n = String(i + 1).padStart(4, "0");
  const name = `${PREFIX[i % PREFIX.length]} ${SURNAME[(i * 7) % SURNAME.length]}${i % 3 === 0 ? " B.V." : ""}`;
  return {
    number: `C${n}`,
    name: `${name} (${n})`,
    city: CITIES[(i * 3) % CITIES.length] ?? "Groningen",
    services: SERVICE_SETS[i % SERVICE_SETS.length] ?? ["webhosting"],
    owner: `owner@c${n}.example`,
    contact: {
      role: i % 4 === 0 ? ("dpo" as const) : ("privacy_contact" as const),
      name: `${["Anna", "Bram", "Claire", "Daan", "Eva"][i % 5]} ${SURNAME[(i * 5) % SURNAME.length]}`,
      email: `privacy@c${n}.example`,
      phone: `+31 50 ${String(1000000 + i * 7919).slice(0, 7)}`,
    },
  };
}

/**
 * art. 8.1: a demo customer's domain names, from its name ("Bakkerij De Jong B.V." → bakkerij-de-jong.nl;
 * a name taken by an earlier customer gets its number) and the domain of its demo addresses (c0001.example).
 */
function demoDomains(name: string, number: string, taken: Set<string>): string[] {
  const slug = name
    .replace(/\s*\(\d+\)$/, "")
    .replace(/\s+B\.V\.$/, "")
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  const site = taken.has(`${slug}.nl`) ? `${slug}-${number.slice(1)}.nl` : `${slug}.nl`;
  taken.add(site);
  return [site, `${number.toLowerCase()}.example`];
}

/**
 * The demo's sub-processor register (templates/subprocessors.json), all active (art. 5.1), with
 * their locations (art. 3.1) and the services that use them. Set-based: four inserts.
 */
export async function seedDemoSubprocessors(tx: Db, clock: Clock): Promise<void> {
  const register = readDemoSubprocessors();
  if (register.length === 0) {
    return;
  }
  const now = clock.now();
  const inserted = await insertSubprocessors(
    tx,
    register.map((s) => ({ name: s.name, activity: s.activity, website: s.website, status: "active" as const, createdAt: now, updatedAt: now })),
  );
  // By name (unique in the register), not by position: RETURNING promises no order.
  const idOf = new Map(register.map((s) => [s.code, inserted.find((row) => row.name === s.name)?.id]));
  await insertSubprocessorLocations(
    tx,
    register.flatMap((s) => {
      const subprocessorId = idOf.get(s.code);
      return subprocessorId === undefined ? [] : s.locations.map((l, sortOrder) => ({ subprocessorId, ...l, sortOrder }));
    }),
  );
  const serviceRows = await servicesByCode(tx, [...new Set(register.flatMap((s) => s.services))]);
  const links = register.flatMap((s) =>
    s.services.flatMap((code) => {
      const serviceId = serviceRows.find((r) => r.code === code)?.id;
      const subprocessorId = idOf.get(s.code);
      return serviceId === undefined || subprocessorId === undefined ? [] : [{ serviceId, subprocessorId }];
    }),
  );
  if (links.length > 0) {
    await insertServiceSubprocessors(tx, links);
  }
}

/**
 * A demo hosting provider: its sub-processors, staff of every role, 50 customers taking different
 * services (so their Annex 1 lists the sub-processors of those services), one owner user per
 * customer, agreement v1 offered to all, some signed, some countersigned (in force).
 */
export async function loadDemo(tx: Db, clock: Clock, count = 50): Promise<void> {
  // Before any customer exists: their first Annex 1 is derived with the sub-processors in it.
  await seedDemoSubprocessors(tx, clock);
  const hash = await hashPassword(DEMO_PASSWORD);
  await insertUsers(
    tx,
    DEMO_STAFF.map((s) => ({ email: s.email, name: s.name, passwordHash: hash, kind: "staff" as const, staffRole: s.role })),
  );
  // The customers come in as a provider's would: one import of its billing export (set-based).
  const taken = new Set<string>();
  const records: CustomerRecord[] = Array.from({ length: count }, (_, i) => {
    const c = customer(i);
    const domainsGiven = demoDomains(c.name, c.number, taken);
    return {
      line: i + 1,
      customerNumber: c.number,
      name: c.name,
      kvk: String(60000000 + i * 1237).slice(0, 8),
      address: `Hoofdstraat ${i + 1}`,
      postalCode: `97${String(10 + (i % 89)).padStart(2, "0")} AB`,
      city: c.city,
      country: "NL",
      locale: i % 10 === 9 ? "en" : "nl",
      services: c.services.map((code, k) => ({ code, monthlyFeeCents: 495 + k * 1000 + (i % 5) * 250 })),
      contact: { ...c.contact },
      domainsGiven,
      domains: normaliseDomainList(domainsGiven).domains,
    };
  });
  const exported = JSON.stringify(records);
  await importCustomers(tx, clock, SYSTEM_ACTOR, records, { format: "json", sha256: createHash("sha256").update(exported).digest("hex") });
  const idOf = new Map(
    (
      await controllersByNumber(
        tx,
        records.map((r) => r.customerNumber),
      )
    ).map((c) => [c.customer_number, c.id]),
  );
  const ids = records.map((r) => idOf.get(r.customerNumber) ?? "");
  await insertUsers(
    tx,
    records.map((r, i) => ({
      email: customer(i).owner,
      name: `Eigenaar ${r.name}`,
      passwordHash: hash,
      kind: "customer" as const,
      controllerId: ids[i] ?? "",
      customerRole: "owner" as const,
    })),
  );
  const [firstCustomer] = ids;
  if (firstCustomer) {
    await insertUsers(tx, [
      {
        email: "viewer@c0001.example",
        name: "Kijker C0001",
        passwordHash: hash,
        kind: "customer",
        controllerId: firstCustomer,
        customerRole: "viewer",
      },
    ]);
  }
  const support = await findUserIdByEmail(tx, "support@norisk.example");
  if (support) {
    await insertSupportAssignments(
      tx,
      ids.slice(0, 10).map((controllerId) => ({ userId: support.id, controllerId })),
    );
  }
  // art. 2.3, 9.1: staff confirmed the confidentiality statement; support broke glass for customer 11 (not assigned).
  await seedDemoAccess(tx, clock, { assigned: ids[0], outside: ids[10] });
  await offerTemplateVersion(tx, clock, SYSTEM_ACTOR, 1);
  // Customers 2–20 have signed; 2–12 are countersigned (in force). Customer 1 still has to sign.
  const offered = await agreementsWithOwners(tx);
  const officer = await findUserIdByEmail(tx, "privacy@norisk.example");
  const countersigner = { kind: "staff" as const, id: officer?.id ?? null, label: "Priya de Vries <privacy@norisk.example>" };
  for (const [k, a] of offered.entries()) {
    if (k === 0 || k >= 20) {
      continue;
    }
    const document = await composeAgreementDocument(tx, a.id);
    if (!document) {
      continue;
    }
    const found = await findAgreement(tx, a.id);
    if (!found) {
      continue;
    }
    const signer = { kind: "customer" as const, id: a.owner, label: `owner of ${a.controller_id}`, controllerId: a.controller_id };
    // The PDF the owner is shown, typeset once: signing reuses it for the same document.
    const shown = renderForSigning(document);
    const signed = await signAgreement(
      tx,
      clock,
      signer,
      found,
      { typedName: `Eigenaar ${k + 1}`, function: "Directeur", consent: true, documentSha256: shown.sha256 },
      { ip: "127.0.0.1", userAgent: "art28 demo" },
      shown,
    );
    if (k < 12) {
      await countersignAgreement(tx, clock, countersigner, signed, { typedName: "Priya de Vries", function: "Privacy officer" });
    }
  }
  await announceDemoChange(tx, clock, countersigner);
  await demoContactConfirmations(tx, clock, ids);
  const security = await findUserIdByEmail(tx, "security@norisk.example");
  if (security && officer) {
    // The measures register (art. 7.1): owners and past reviews, a few due soon and one overdue.
    await seedMeasureRegister(tx, clock, { security: security.id, privacy: officer.id });
  }
  await recordDemoIncidents(tx, clock, { kind: "staff", id: security?.id ?? null, label: "Sander Bakker <security@norisk.example>", name: "Sander Bakker" });
  if (officer) {
    const staff = { actor: countersigner, userId: officer.id, name: "Priya de Vries" };
    // Customers 3, 8 and 1: the owners the browser suites log in as each have one of each.
    const owners = [2, 7, 0].flatMap((k) => {
      const a = offered[k];
      return a
        ? [
            {
              controllerId: a.controller_id,
              owner: { actor: { kind: "customer" as const, id: a.owner, label: `owner of ${a.controller_id}` }, userId: a.owner, name: `Eigenaar ${k + 1}` },
            },
          ]
        : [];
    });
    // Requests: delivered (3), open (8) and overdue (1).
    await seedDemoCases(tx, clock, staff, owners);
    // Data subjects' requests: handled by 3, awaiting 8's outcome, 1 proposed by its domain name.
    await seedDemoSubjectRequests(tx, clock, staff, owners);
    await seedDemoEnding(tx, clock, staff, ids[11]);
    await seedDemoAudits(tx, clock, staff, owners);
  }
  const [, c2, c3, c4, , , , c8, , c10] = ids;
  if (c2 && c3 && c4 && c8 && c10) {
    const owner2 = await findUserIdByEmail(tx, customer(1).owner);
    // art. 9.2: customer 3 (owner@c0003) is concerned by an order still under a gag: its portal shows nothing of it.
    await seedDemoDisclosures(tx, clock, countersigner, {
      told: [c2, c10],
      afterGag: c4,
      gagged: c3,
      running: c8,
      stating: { controllerId: c2, actor: { kind: "customer", id: owner2?.id ?? null, label: `owner of ${c2}` } },
    });
    await seedDemoClaims(tx, clock, countersigner, ids, { controllerId: c3, ownerEmail: customer(2).owner });
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * art. 4.4, the yearly confirmation of the privacy contact in each state: customers 3 and 4 last
 * confirmed a year and a few days ago (asked now), customer 5 asked 20 days ago and reminded,
 * customer 6 asked 40 days ago, reminded and now stale (its owner told). Their records say when each
 * last confirmed; the cycles that began before the demo's start are run by the sweep at their own
 * moments (40 and 20 days ago), so their notices, duties and evidence carry those dates; the sweep at
 * the demo's start then asks, reminds and marks stale the rest. A few statements per sweep.
 */
async function demoContactConfirmations(tx: Db, clock: Clock, ids: string[]) {
  const now = clock.now().getTime();
  const daysAgo = (days: number) => new Date(now - days * DAY_MS);
  const lastConfirmed = [
    { k: 2, days: 367 },
    { k: 3, days: 368 },
    { k: 4, days: 388 },
    { k: 5, days: 408 },
  ];
  await setContactsConfirmedAt(
    tx,
    lastConfirmed.flatMap(({ k, days }) => (ids[k] ? [{ controllerId: ids[k], at: daysAgo(days) }] : [])),
  );
  for (const days of [40, 20]) {
    await sweepContactConfirmations(tx, fixedClock(daysAgo(days)));
  }
  await sweepContactConfirmations(tx, clock);
}

/**
 * Two incidents, so the demo shows the art. 6 workflow: a DDoS that was no breach (it stays in the
 * register with its reasoning), and a webmail breach under way: assessed, its e-mail customers
 * notified (held in the outbox without SMTP), and one customer added later whose 48-hour clock
 * still runs.
 */
async function recordDemoIncidents(tx: Db, clock: Clock, officer: { kind: "staff"; id: string | null; label: string; name: string }) {
  const now = clock.now().getTime();
  const hoursAgo = (h: number) => new Date(now - h * 3600_000).toISOString();
  const email = await findServiceIdByCode(tx, "email");
  const dns = await findServiceIdByCode(tx, "web-hosting");
  if (!email || !dns) {
    return;
  }
  const ddos = await recordIncident(tx, clock, officer, {
    title: "DDoS-aanval op de DNS-servers",
    description: "Gedurende 40 minuten waren de DNS-servers slecht bereikbaar door een DDoS-aanval. Er is geen toegang tot gegevens verkregen.",
    startedAt: hoursAgo(24 * 9 + 1),
    endedAt: hoursAgo(24 * 9),
    discoveredAt: hoursAgo(24 * 9 + 0.9),
    discoveryHow: "Alarm van de netwerkmonitoring",
    systems: ["ns1", "ns2"],
    serviceIds: [dns.id],
  });
  await assessIncident(tx, clock, officer, ddos, {
    personalData: false,
    breach: false,
    confidentiality: false,
    integrity: false,
    availability: true,
    risk: "none",
    decision: "no_notify",
    reasoning:
      "Alleen de bereikbaarheid van DNS was kort verstoord; er zijn geen persoonsgegevens ingezien, gewijzigd of verloren. Geen datalek in de zin van art. 6.1.",
  });
  await closeIncident(tx, clock, officer, ddos, "Aanval afgeslagen met scrubbing bij de upstream-provider.");

  const webmail = await recordIncident(tx, clock, officer, {
    title: "Ongeautoriseerde toegang tot webmail",
    description: "Via een kwetsbaarheid in de webmailsoftware op mail-node-07 heeft een aanvaller mailboxen kunnen lezen.",
    startedAt: hoursAgo(30),
    ongoing: false,
    endedAt: hoursAgo(6),
    discoveredAt: hoursAgo(7),
    discoveryHow: "Afwijkend verkeer gemeld door het SIEM; bevestigd door het securityteam",
    systems: ["mail-node-07", "webmail-frontend"],
    serviceIds: [email.id],
  });
  await assessIncident(tx, clock, officer, webmail, {
    personalData: true,
    breach: true,
    confidentiality: true,
    integrity: false,
    availability: false,
    risk: "high",
    decision: "notify",
    reasoning:
      "Logbestanden tonen dat de aanvaller de inhoud van mailboxen heeft opgevraagd: een datalek in de zin van art. 6.1 met een hoog risico voor de correspondenten.",
  });
  await saveSharedFacts(tx, clock, officer, webmail, {
    cause: { status: "known", value: "Een kwetsbaarheid in de webmailsoftware (niet tijdig bijgewerkt) is misbruikt om mailboxen te lezen." },
    consequences: { status: "unknown", reason: "Forensisch onderzoek naar de gelezen berichten loopt" },
    solution: { status: "known", value: "De webmailsoftware is bijgewerkt; alle sessies en wachtwoorden van webmail zijn ingetrokken." },
    contact: { status: "known", value: { name: "Sander Bakker", email: "security@norisk.example", phone: "+31 50 123 4567" } },
    affectedCount: { status: "known", value: { kind: "range", min: 10, max: 400 } },
    subjectGroup: { status: "known", value: "Afzenders en ontvangers van e-mail in de getroffen mailboxen" },
    dataKinds: { status: "known", value: ["namen", "e-mailadressen", "inhoud van e-mails en bijlagen"] },
    period: { status: "known", value: { start: hoursAgo(30), end: hoursAgo(6) } },
    unintelligible: {
      status: "known",
      value: { state: "partly", description: "Berichten in rust zijn versleuteld, maar de aanvaller las ze via de ingelogde webmailsessie." },
    },
    measuresTaken: { status: "known", value: "Software bijgewerkt, sessies beëindigd, wachtwoorden gereset, extra logging aangezet." },
    measuresPlanned: { status: "known", value: "Tweestapsverificatie verplicht voor webmail; wekelijkse patchronde." },
  });
  const proposed = (await proposeCustomers(tx, (await findIncident(tx, webmail)) as IncidentRow)).map((p) => p.controllerId);
  const [late, ...first] = proposed;
  await addAffectedCustomers(tx, clock, officer, webmail, { controllerIds: first });
  await sendBreachNotices(tx, clock, officer, webmail, {});
  if (late) {
    await addAffectedCustomers(tx, clock, officer, webmail, { controllerIds: [late] });
  }
}

/**
 * One change under way, so the demo shows the art. 5 workflow: a proposed e-mail archive provider,
 * announced to every customer taking e-mail, with its objection windows, notices (held in the
 * outbox without SMTP) and the trust page's announcement.
 */
async function announceDemoChange(tx: Db, clock: Clock, officer: { kind: "staff"; id: string | null; label: string }) {
  const email = await findServiceIdByCode(tx, "email");
  if (!email) {
    return;
  }
  const proposed = await createSubprocessor(tx, clock, officer, {
    name: "Mailvault GmbH",
    activity: { nl: "Archivering van e-mail voor bewaarplichten", en: "E-mail archiving for retention duties" },
    website: "https://mailvault.example",
    locations: [{ country: "DE", city: "Frankfurt am Main", mechanism: null }],
    serviceIds: [email.id],
  });
  await announceSubprocessorChange(tx, clock, officer, {
    kind: "add",
    subprocessorId: proposed,
    plan: { serviceIds: [email.id] },
    description: {
      nl: "Wij gaan e-mailarchivering aanbieden via Mailvault in Frankfurt. Alleen klanten met onze e-maildienst worden geraakt.",
      en: "We will offer e-mail archiving through Mailvault in Frankfurt. Only customers of our e-mail service are affected.",
    },
  });
}
