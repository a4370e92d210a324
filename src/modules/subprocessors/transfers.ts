import type { Db } from "../../db/engine.ts";
import type { LocalizedText } from "../../domain/text.ts";
import {
  assessLocation,
  countryName,
  DPF_COUNTRY_CODE,
  LAWFUL_WITHOUT_MECHANISM,
  SAFEGUARDS,
  type TransferMechanism,
  type TransferZone,
} from "../../domain/transfers.ts";
import { findProcessor } from "../processor/index.ts";
import type { ServiceRef } from "./queries.ts";
import { locationsServing, servicesTakenBy, warningLocations } from "./transfer-queries.ts";

// art. 3.1: "Verwerker zal Verwerkingsverantwoordelijke op verzoek melden om welke landen het gaat."
// The countries a customer's data may go to, and the locations that need a transfer mechanism.

const ZONE_ORDER: Record<TransferZone, number> = { eea: 0, adequate: 1, third: 2 };
const names = (code: string): LocalizedText => ({ nl: countryName(code, "nl"), en: countryName(code, "en") });

export interface TransferParty {
  /** null: the processor itself. */
  subprocessorId: string | null;
  name: string;
  city: string | null;
  mechanism: TransferMechanism | null;
  lawful: boolean;
  reason: LocalizedText;
  services: ServiceRef[];
}

export interface CountryTransfers {
  country: string;
  name: LocalizedText;
  zone: TransferZone;
  /** False when any location in the country lacks the mechanism chapter V needs. */
  lawful: boolean;
  services: ServiceRef[];
  parties: TransferParty[];
}

/**
 * Every country a customer's data may go to through its services: the processor's own country
 * (every service) and each location of every active sub-processor of those services, grouped by
 * country with who is there, for which services, on what ground. Own country first, then EEA,
 * adequate, third countries.
 */
export async function controllerTransfers(db: Db, controllerId: string): Promise<CountryTransfers[]> {
  const processor = await findProcessor(db);
  const taken = await servicesTakenBy(db, controllerId);
  const located = await locationsServing(db, controllerId);
  const serviceById = new Map(taken.map((s) => [s.id, s]));
  const byCountry = new Map<string, CountryTransfers>();
  const countryOf = (code: string) => {
    let entry = byCountry.get(code);
    if (!entry) {
      const assessment = assessLocation({ country: code });
      entry = { country: code, name: names(code), zone: assessment.zone, lawful: true, services: [], parties: [] };
      byCountry.set(code, entry);
    }
    return entry;
  };
  const addParty = (code: string, party: Omit<TransferParty, "lawful" | "reason">) => {
    const entry = countryOf(code);
    const assessment = assessLocation({ country: code, mechanism: party.mechanism });
    const same = entry.parties.find(
      (p) => p.subprocessorId === party.subprocessorId && (p.city ?? "") === (party.city ?? "") && p.mechanism === party.mechanism,
    );
    if (same) {
      same.services.push(...party.services.filter((s) => !same.services.some((x) => x.id === s.id)));
    } else {
      entry.parties.push({ ...party, services: [...party.services], lawful: assessment.lawful, reason: assessment.reason });
    }
    // Within a country a DPF-certified recipient in the US is "adequate"; the country shows its worst.
    if (ZONE_ORDER[assessment.zone] > ZONE_ORDER[entry.zone]) {
      entry.zone = assessment.zone;
    }
    entry.lawful &&= assessment.lawful;
    entry.services.push(...party.services.filter((s) => !entry.services.some((x) => x.id === s.id)));
  };

  if (taken.length > 0) {
    addParty(processor.country, { subprocessorId: null, name: processor.name, city: processor.city, mechanism: null, services: taken });
  }
  for (const l of located) {
    const service = serviceById.get(l.service_id);
    addParty(l.country, { subprocessorId: l.subprocessor_id, name: l.name, city: l.city, mechanism: l.mechanism, services: service ? [service] : [] });
  }
  const order = (c: CountryTransfers) => (c.country === processor.country ? -1 : ZONE_ORDER[c.zone]);
  return [...byCountry.values()].sort((a, b) => order(a) - order(b) || a.country.localeCompare(b.country));
}

export interface TransferWarning {
  subprocessor: { id: string; name: string; status: string };
  country: string;
  countryName: LocalizedText;
  city: string | null;
  mechanism: TransferMechanism | null;
  reason: LocalizedText;
  /** Customers whose data goes there (register) or would (an announced change: those it was announced to). */
  customers: number;
  source: "register" | "announced_change";
  changeId: string | null;
}

/**
 * art. 3.1 / GDPR chapter V: a page of the locations outside the EEA without an adequacy decision
 * that have no transfer mechanism: those of active sub-processors, and those an announced change
 * would bring in (so it can be fixed before it takes effect); `limit + 1` of them after `after`.
 */
export async function transferWarnings(
  db: Db,
  page: { limit: number; after?: readonly string[] | undefined },
): Promise<(TransferWarning & { key: string[] })[]> {
  const found = await warningLocations(db, { lawful: LAWFUL_WITHOUT_MECHANISM, safeguards: SAFEGUARDS, dpfCountry: DPF_COUNTRY_CODE }, page);
  return found.flatMap((l) => {
    const assessment = assessLocation({ country: l.country, mechanism: l.mechanism });
    // The query's rules are assessLocation's; a location it finds lawful is never a warning.
    return assessment.lawful
      ? []
      : [
          {
            subprocessor: { id: l.id, name: l.name, status: l.status },
            country: l.country,
            countryName: names(l.country),
            city: l.city,
            mechanism: l.mechanism,
            reason: assessment.reason,
            customers: Number(l.customers),
            source: l.change_id ? ("announced_change" as const) : ("register" as const),
            changeId: l.change_id,
            key: l.key,
          },
        ];
  });
}
