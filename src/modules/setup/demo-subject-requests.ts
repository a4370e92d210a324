import { createHash } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { findControllerDomains } from "../controllers/index.ts";
import { closeNotOurs, forwardRequest, recordOutcome, recordRequest, type SubjectRequestActor } from "../subject-requests/index.ts";

const DAY = 86_400_000;
const daysAgo = (clock: Clock, days: number): Clock => ({ now: () => new Date(clock.now().getTime() - days * DAY) });

/**
 * Data subjects' requests (art. 8.1) in realistic states: one forwarded in time and handled by its
 * customer; one forwarded and awaiting the customer's outcome; one received today, its customer
 * proposed by a domain name (which had one before, sent on elsewhere); one unforwarded past its working days (overdue); one that concerned
 * none of the customers, the requester told so. Recorded by staff, as letters and e-mails arrive.
 */
export async function seedDemoSubjectRequests(
  tx: Db,
  clock: Clock,
  officer: SubjectRequestActor,
  customers: { controllerId: string; owner: SubjectRequestActor }[],
): Promise<void> {
  const [handled, waiting, proposed] = customers;
  if (!handled || !waiting || !proposed) {
    return;
  }
  const domainOf = async (controllerId: string) => (await findControllerDomains(tx, controllerId))[0] ?? null;
  const record = (at: Clock, input: Parameters<typeof recordRequest>[3]) => recordRequest(tx, at, officer, input);

  const first = await record(daysAgo(clock, 9), {
    source: "email",
    right: "access",
    locale: "nl",
    content: {
      name: "Maria Jansen",
      email: "maria.jansen@example.net",
      phone: null,
      organisation: "de huisartsenpraktijk",
      website: await domainOf(handled.controllerId),
      message: "Ik wil graag weten welke gegevens over mij in uw systemen staan.",
    },
    files: [],
  });
  await forwardRequest(tx, daysAgo(clock, 8), officer, first.id, { controllerId: handled.controllerId, tellRequester: true });
  await recordOutcome(tx, daysAgo(clock, 3), handled.owner, handled.controllerId, first.id, {
    outcome: "handled",
    note: "Inzage gegeven per beveiligde e-mail.",
  });

  const letter = Buffer.from("Geachte heer, mevrouw,\n\nGraag ontvang ik een kopie van mijn gegevens.\n\nMet vriendelijke groet,\nK. de Boer\n", "utf8");
  const second = await record(daysAgo(clock, 2), {
    source: "letter",
    right: "portability",
    locale: "nl",
    content: {
      name: "Kees de Boer",
      email: null,
      phone: "+31 6 12345678",
      organisation: "Webwinkel (naam onbekend)",
      website: await domainOf(waiting.controllerId),
      message: "Verzoek om een kopie van mijn gegevens in een gangbaar formaat (zie brief).",
    },
    files: [{ fileName: "brief-de-boer.txt", mediaType: "text/plain", bytes: letter, sha256: createHash("sha256").update(letter).digest("hex") }],
  });
  await forwardRequest(tx, daysAgo(clock, 1), officer, second.id, { controllerId: waiting.controllerId, tellRequester: false });

  const earlier = await record(daysAgo(clock, 30), {
    source: "email",
    right: "rectification",
    locale: "nl",
    content: {
      name: "Joost Bakker",
      email: "joost.bakker@example.net",
      phone: null,
      organisation: "Fietsenwinkel",
      website: await domainOf(proposed.controllerId),
      message: "Mijn achternaam is verkeerd gespeld in de bevestigingsmails.",
    },
    files: [],
  });
  await forwardRequest(tx, daysAgo(clock, 29), officer, earlier.id, { controllerId: proposed.controllerId, tellRequester: true });
  await recordOutcome(tx, daysAgo(clock, 27), proposed.owner, proposed.controllerId, earlier.id, {
    outcome: "forwarded_elsewhere",
    note: "Betreft de webwinkel van onze franchisenemer; doorgestuurd.",
  });

  const domain = await domainOf(proposed.controllerId);
  await record(clock, {
    source: "email",
    right: "erasure",
    locale: "en",
    content: {
      name: "Emma Clarke",
      email: `emma.clarke@${domain ?? "example.org"}`,
      phone: null,
      organisation: domain ?? "unknown",
      website: null,
      message: "Please erase my account and all my order history.",
    },
    files: [],
  });

  await record(daysAgo(clock, 7), {
    source: "phone",
    right: "objection",
    locale: "nl",
    content: {
      name: "Ahmed el Amrani",
      email: "a.elamrani@example.net",
      phone: null,
      organisation: "Een sportschool in Utrecht",
      website: null,
      message: "Belde over nieuwsbrieven die hij blijft ontvangen; weet niet welke sportschool.",
    },
    files: [],
  });

  const stray = await record(daysAgo(clock, 4), {
    source: "email",
    right: "rectification",
    locale: "nl",
    content: {
      name: "Lotte Smit",
      email: "lotte.smit@example.net",
      phone: null,
      organisation: "Gemeente Voorbeeldstad",
      website: "voorbeeldstad.example",
      message: "Mijn adres in uw administratie klopt niet.",
    },
    files: [],
  });
  await closeNotOurs(tx, daysAgo(clock, 3), officer, stray.id, { tellRequester: true });
}
