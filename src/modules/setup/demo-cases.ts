import { createHash } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { annex2InForce } from "../measures/index.ts";
import {
  acceptInstruction,
  answerMeasuresQuestion,
  closeCase,
  decideCaseEstimate,
  logCaseEntry,
  openCase,
  proposeEstimate,
  warnInstruction,
  type CaseActor,
} from "../cases/index.ts";

const DAY = 86_400_000;

/** The demo's clock moved back by some days: a request asked weeks ago has its clock from then. */
const daysAgo = (clock: Clock, days: number): Clock => ({ now: () => new Date(clock.now().getTime() - days * DAY) });
const dateOf = (clock: Clock) => clock.now().toISOString().slice(0, 10);

/**
 * Three DPIA-help requests (art. 2.4) in realistic states: one answered in time with an accepted
 * estimate, logged time and a deliverable (its items billable, not yet exported); one asked two
 * days ago awaiting its answer; one unanswered past its 14 days (the sweep escalates it). Two
 * questions about the measures (art. 2.2): one answered in time with the measures report (one
 * report rendered), one asked yesterday and open. Three written instructions (art. 1.2): one accepted
 * in time (its purpose in the customer's Annex 1, a new version), one answered with a warning
 * that it would infringe the GDPR (28(3)), one asked three days ago and open.
 * A handful of use-case calls, cheap next to the rest of the demo.
 */
export async function seedDemoCases(tx: Db, clock: Clock, officer: CaseActor, owners: { controllerId: string; owner: CaseActor }[]): Promise<void> {
  const [done, open, overdue] = owners;
  if (!done || !open || !overdue) {
    return;
  }
  const asked = daysAgo(clock, 40);
  const answered = await openCase(tx, asked, done.owner, done.controllerId, "dpia_help", {
    subject: "dpia",
    title: "DPIA cliëntendossier in de cloud",
    what: "Wij voeren een DPIA uit voor ons cliëntendossier. Graag uw bijdrage over de beveiligingsmaatregelen, de subverwerkers en de locaties van de opslag.",
    services: [],
    neededBy: dateOf(daysAgo(clock, 10)),
  });
  const estimate = await proposeEstimate(tx, daysAgo(clock, 36), officer, answered, {
    method: "hourly",
    hoursHundredths: 600,
    hourlyRateCents: 12500,
    description: "Bijdrage aan de DPIA: beschrijving van de maatregelen, de subverwerkers en de opslaglocaties; één overleg.",
  });
  await decideCaseEstimate(tx, daysAgo(clock, 35), done.owner, answered, estimate, true);
  await logCaseEntry(tx, daysAgo(clock, 30), officer, answered, {
    type: "time",
    description: "Maatregelen, subverwerkers en locaties beschreven; overleg met de FG",
    workDate: dateOf(daysAgo(clock, 30)),
    minutes: 300,
    rateCents: 12500,
    billable: true,
  });
  const deliverable = Buffer.from("Bijdrage aan de DPIA cliëntendossier\n\n1. Beveiligingsmaatregelen (bijlage 2)\n2. Subverwerkers en locaties\n", "utf8");
  await closeCase(tx, daysAgo(clock, 27), officer, answered, {
    outcome: "delivered",
    note: "Onze bijdrage aan uw DPIA staat in de bijlage. De kosten (5 uur) vallen binnen de raming.",
    files: [{ fileName: "dpia-bijdrage.txt", mediaType: "text/plain", bytes: deliverable, sha256: createHash("sha256").update(deliverable).digest("hex") }],
  });

  await openCase(tx, daysAgo(clock, 2), open.owner, open.controllerId, "dpia_help", {
    subject: "prior_consultation",
    title: "Voorafgaande raadpleging AP: cameratoezicht",
    what: "De DPIA over cameratoezicht laat een hoog restrisico zien. Wij willen de AP raadplegen en vragen uw medewerking voor de technische beschrijving.",
    services: [],
    neededBy: null,
  });

  await openCase(tx, daysAgo(clock, 20), overdue.owner, overdue.controllerId, "dpia_help", {
    subject: "dpia",
    title: "DPIA nieuwsbriefsysteem",
    what: "Voor onze DPIA over de nieuwsbrief vragen wij een beschrijving van de verwerking in uw e-maildienst.",
    services: [],
    neededBy: null,
  });

  const [measure] = (await annex2InForce(tx)).measures;
  const question = await openCase(tx, daysAgo(clock, 12), done.owner, done.controllerId, "measures_question", {
    question: "Welke maatregelen neemt u voor toegangsbeheer en back-ups? Wij leggen ze naast ISO/IEC 27001:2022 voor onze eigen audit.",
    measures: measure ? [measure.code] : [],
    standard: "ISO/IEC 27001:2022",
  });
  await answerMeasuresQuestion(tx, daysAgo(clock, 6), officer, question, {
    note: "In de bijlage het maatregelenrapport: alle maatregelen die van kracht zijn, met thema en laatste review. De thema's volgen bijlage A van ISO/IEC 27001:2022.",
    files: [],
  });
  await openCase(tx, daysAgo(clock, 1), open.owner, open.controllerId, "measures_question", {
    question: "Hoe vaak test u het herstel van back-ups, en wanneer is dat voor het laatst gebeurd?",
    measures: [],
  });

  const archive = await openCase(tx, daysAgo(clock, 25), done.owner, done.controllerId, "instruction", {
    purpose: "E-mailarchief voor de fiscale bewaarplicht",
    description: "Bewaar alle in- en uitgaande e-mail van onze administratie zeven jaar in het archief van uw e-maildienst, alleen-lezen.",
    data: "E-mailberichten met bijlagen van en aan klanten en leveranciers (namen, adressen, factuurgegevens)",
    services: ["email"],
    from: dateOf(daysAgo(clock, 10)),
    reference: "FIN-2026-04",
  });
  await acceptInstruction(tx, daysAgo(clock, 18), officer, archive, {
    note: "Akkoord. Het archief staat vanaf de genoemde datum aan; het doel staat in uw bijlage 1.",
    labelNl: "Archivering van e-mail voor de fiscale bewaarplicht",
    labelEn: "Archiving email for the tax retention duty",
  });
  const tracking = await openCase(tx, daysAgo(clock, 9), overdue.owner, overdue.controllerId, "instruction", {
    purpose: "Bezoekersprofielen voor advertenties",
    description: "Koppel de toegangslogs van onze website aan advertentie-ID's zodat wij bezoekers op andere sites kunnen benaderen.",
    data: "IP-adressen, cookies en bezochte pagina's van websitebezoekers",
    services: ["web-hosting"],
    from: dateOf(clock),
  });
  await warnInstruction(tx, daysAgo(clock, 8), officer, tracking, {
    reasoning:
      "Voor het volgen van bezoekers over sites heen is toestemming nodig (art. 11.7a Telecommunicatiewet, art. 6 lid 1 sub a AVG); de bezoekers is die niet gevraagd. Wij voeren deze instructie daarom niet uit.",
    provision: "AVG art. 6 lid 1; Telecommunicatiewet art. 11.7a",
  });
  await openCase(tx, daysAgo(clock, 3), open.owner, open.controllerId, "instruction", {
    purpose: "Fraudeanalyse van bestellingen",
    description: "Gebruik de toegangslogs van de webwinkel ook om frauduleuze bestellingen te herkennen.",
    data: "IP-adressen en tijdstippen van bezoekers van de webwinkel",
    services: ["web-hosting"],
    from: dateOf(daysAgo(clock, -14)),
  });
}
