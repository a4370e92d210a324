import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import type { EventActor } from "../evidence/index.ts";
import {
  decideDisclosureOrder,
  notifyCustomers,
  recordDisclosed,
  recordDisclosureOrder,
  recordGagEffort,
  stateDisclosureDuty,
  sweepEndedGags,
} from "../disclosures/index.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The demo's clock moved back: an order received weeks ago has its evidence and clocks from then. */
const ago = (clock: Clock, ms: number): Clock => ({ now: () => new Date(clock.now().getTime() - ms) });
const iso = (clock: Clock, ms: number) => new Date(clock.now().getTime() - ms).toISOString();

export interface DemoDisclosureCustomers {
  /** Told of a police order in time (two customers). */
  told: [string, string];
  /** Told after a gag order until a date ended. */
  afterGag: string;
  /** Concerned by an order under a gag order until lifted: it must see nothing of it. */
  gagged: string;
  /** Concerned by an order received this morning: its 24-hour duty runs. */
  running: string;
  /** States it must disclose the processor's confidential information. */
  stating: { controllerId: string; actor: EventActor & { id: string | null } };
}

/**
 * art. 9.2 in realistic states: a police order complied with in part and told in time; a
 * prosecutor's order under a gag order until a date, contested, told within 24 hours of the gag's
 * end (the sweep opened the duty then); an intelligence service's order still under a gag until
 * lifted, with a refused effort to narrow it (its customer sees nothing: no notice, no duty, no
 * event); a regulator's order received this morning, undecided, its duty running; and one
 * customer's statement of its own duty to disclose. A dozen use-case calls.
 */
export async function seedDemoDisclosures(
  tx: Db,
  clock: Clock,
  officer: EventActor & { id: string | null },
  customers: DemoDisclosureCustomers,
): Promise<void> {
  const police = await recordDisclosureOrder(tx, ago(clock, 70 * DAY), officer, {
    authority: "Politie Eenheid Noord-Nederland",
    authorityKind: "police",
    legalBasis: "art. 126nd Wetboek van Strafvordering (vordering gegevens)",
    receivedAt: iso(clock, 70 * DAY + 2 * HOUR),
    dataRequested: "Naam, adres en IP-adressen van de houder van twee webhostingpakketten, 1 tot en met 31 augustus.",
    controllerIds: customers.told,
    gag: "none",
  });
  await decideDisclosureOrder(tx, ago(clock, 70 * DAY - 3 * HOUR), officer, police, {
    decision: "comply_in_part",
    reasoning: "De vordering is rechtmatig voor de gegevens van de houder; de IP-adressen van bezoekers vallen er niet onder en verstrekken wij niet.",
  });
  await notifyCustomers(tx, ago(clock, 70 * DAY - 5 * HOUR), officer, police, {
    summary:
      "De politie vorderde de naam, het adres en de IP-adressen van de houder van uw webhostingpakket over augustus. Wij verstrekken alleen de gegevens van de houder.",
    nameAuthority: true,
  });
  await recordDisclosed(tx, ago(clock, 68 * DAY), officer, police, {
    what: "Naam, adres en IP-adressen van de houder (niet die van bezoekers).",
    disclosedAt: iso(clock, 68 * DAY),
  });

  const prosecutor = await recordDisclosureOrder(tx, ago(clock, 100 * DAY), officer, {
    authority: "Openbaar Ministerie, Arrondissementsparket Noord-Nederland",
    authorityKind: "prosecutor",
    legalBasis: "art. 126ng Wetboek van Strafvordering (vordering inhoud opgeslagen gegevens)",
    receivedAt: iso(clock, 100 * DAY),
    dataRequested: "De inhoud van één mailbox van 1 tot en met 15 mei.",
    controllerIds: [customers.afterGag],
    gag: "until_date",
    gagUntil: iso(clock, 10 * DAY),
  });
  await decideDisclosureOrder(tx, ago(clock, 99 * DAY), officer, prosecutor, {
    decision: "contest",
    reasoning: "De vordering noemt geen verdachte en geen feit; wij vragen de rechter-commissaris om toetsing.",
  });
  await recordGagEffort(tx, ago(clock, 98 * DAY), officer, prosecutor, {
    at: iso(clock, 98 * DAY),
    action: "De officier van justitie schriftelijk gevraagd de zwijgplicht te beperken tot de houder van de mailbox.",
    result: "narrowed",
    note: "Toegezegd: zwijgplicht eindigt 90 dagen na de vordering.",
  });
  // The gag's date passed ten days ago: the sweep then opened the duty, due 24 hours after.
  await sweepEndedGags(tx, ago(clock, 10 * DAY - HOUR));
  await notifyCustomers(tx, ago(clock, 10 * DAY - 6 * HOUR), officer, prosecutor, {
    summary:
      "Het Openbaar Ministerie vorderde de inhoud van één mailbox over mei. Een zwijgplicht verbood ons u eerder te informeren. Wij hebben de vordering betwist; er is niets verstrekt.",
    nameAuthority: true,
  });

  const intelligence = await recordDisclosureOrder(tx, ago(clock, 20 * DAY), officer, {
    authority: "Algemene Inlichtingen- en Veiligheidsdienst",
    authorityKind: "intelligence",
    legalBasis: "art. 43 Wet op de inlichtingen- en veiligheidsdiensten 2017",
    receivedAt: iso(clock, 20 * DAY),
    dataRequested: "Verkeersgegevens van één domein over de afgelopen drie maanden.",
    controllerIds: [customers.gagged],
    gag: "until_lifted",
  });
  await decideDisclosureOrder(tx, ago(clock, 19 * DAY), officer, intelligence, {
    decision: "comply",
    reasoning: "De last is rechtmatig gegeven en beperkt tot verkeersgegevens van één domein.",
  });
  await recordGagEffort(tx, ago(clock, 15 * DAY), officer, intelligence, {
    at: iso(clock, 15 * DAY),
    action: "De dienst schriftelijk gevraagd de klant te mogen informeren, of de zwijgplicht in tijd te beperken.",
    result: "refused",
  });

  await recordDisclosureOrder(tx, ago(clock, 4 * HOUR), officer, {
    authority: "Autoriteit Consument & Markt",
    authorityKind: "regulator",
    legalBasis: "art. 5:17 Algemene wet bestuursrecht",
    receivedAt: iso(clock, 5 * HOUR),
    dataRequested: "De gegevens van de houder van één webwinkel en de bestellingen van januari.",
    controllerIds: [customers.running],
    gag: "none",
  });

  await stateDisclosureDuty(tx, ago(clock, 3 * DAY), customers.stating.actor, customers.stating.controllerId, {
    authority: "Belastingdienst",
    legalBasis: "art. 47 Algemene wet inzake rijksbelastingen",
    information: "Het beveiligingsrapport dat wij van u kregen (pentest webhosting, maart).",
    dueAt: iso(clock, -11 * DAY),
  });
}
