import { createHash } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { localDate } from "../../domain/legal-time.ts";
import {
  acceptAuditDate,
  acceptExpert,
  addAction,
  agreeFinding,
  answerInformation,
  askInformation,
  proposeAuditDate,
  proposeExpert,
  recordFinding,
  refuseAudit,
  requestAudit,
  type AuditWho,
} from "../audits/index.ts";
import type { EventActor } from "../evidence/index.ts";
import { findProcessor } from "../processor/index.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The demo's clock moved back: an audit requested weeks ago has its evidence and clocks from then. */
const ago = (clock: Clock, ms: number): Clock => ({ now: () => new Date(clock.now().getTime() - ms) });

interface Person {
  actor: EventActor;
  name: string;
}

const file = (fileName: string, text: string) => {
  const bytes = Buffer.from(text, "utf8");
  return { fieldName: "undertaking", fileName, mediaType: "text/plain", bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
};

/**
 * art. 10 in realistic states, for the three customers the browser suites log in as: the first's
 * audit is under way (requested 40 days ago on a concrete suspicion; the expert it proposed accepted
 * by the processor; the date, 14 days after the notice, agreed and past; an information request
 * answered in time with an attachment and one still running; a finding assessed jointly with an
 * action the processor carries out in 20 days); the second's was requested this week and its expert
 * is proposed by the processor, awaiting the customer; the third's was refused for want of a
 * concrete suspicion. No costs yet: they are recorded when the expert's invoice comes.
 */
export async function seedDemoAudits(tx: Db, clock: Clock, officer: Person, owners: { controllerId: string; owner: Person }[]): Promise<void> {
  const staff = (at: Clock): [Clock, AuditWho] => [at, { actor: officer.actor, name: officer.name, side: "processor" }];
  const [first, second, third] = owners;
  if (first) {
    const customer = (at: Clock): [Clock, AuditWho] => [at, { actor: first.owner.actor, name: first.owner.name, side: "customer" }];
    const id = await requestAudit(tx, ...customer(ago(clock, 40 * DAY)), first.controllerId, {
      reason:
        "Op 2 september ontvingen 37 van onze klanten phishingmails op adressen die alleen in onze mailomgeving bij u staan. Wij vermoeden dat die adressen bij u zijn ingezien of meegenomen en vragen een audit van de toegang tot onze mailboxen.",
    });
    const expert = await proposeExpert(tx, ...customer(ago(clock, 39 * DAY)), id, {
      name: "drs. J. de Vries RE",
      firm: "Vries IT-Audit B.V.",
      undertaking: file("geheimhoudingsverklaring-de-vries.txt", "Geheimhoudingsverklaring J. de Vries RE, getekend."),
    });
    await acceptExpert(tx, ...staff(ago(clock, 38 * DAY)), id, expert);
    const startsAt = new Date(clock.now().getTime() - 26 * DAY).toISOString();
    await proposeAuditDate(tx, ...staff(ago(clock, 37 * DAY)), id, { startsAt });
    await acceptAuditDate(tx, ...customer(ago(clock, 36 * DAY)), id, { startsAt });
    const asked = await askInformation(tx, ...customer(ago(clock, 30 * DAY)), id, {
      askedBy: "expert",
      question: "Een overzicht van alle medewerkers en beheeraccounts met toegang tot de mailomgeving in augustus en september.",
    });
    await answerInformation(tx, ...staff(ago(clock, 25 * DAY)), id, asked, {
      answer: "Bijgevoegd het overzicht uit het toegangsbeheer: vier beheerders, geen andere accounts.",
      files: [{ ...file("toegang-mailomgeving.csv", "naam;rol;sinds\nP. Smit;beheerder;2023-01-04\n"), fieldName: "files", mediaType: "text/csv" }],
    });
    await askInformation(tx, ...customer(ago(clock, 5 * DAY)), id, {
      askedBy: "customer",
      question: "De logbestanden van de IMAP-aanmeldingen op onze mailboxen van 1 tot en met 3 september.",
    });
    const finding = await recordFinding(tx, ...staff(ago(clock, 10 * DAY)), id, {
      title: "Te ruime beheertoegang",
      description: "Vier beheerders hadden toegang tot alle mailboxen; voor twee van hen was dat voor hun werk niet nodig.",
      assessment: "Geen aanwijzing dat adressen zijn ingezien of meegenomen; de toegang was wel ruimer dan nodig (art. 7.1).",
    });
    await agreeFinding(tx, ...customer(ago(clock, 9 * DAY)), id, finding);
    await addAction(tx, ...staff(ago(clock, 9 * DAY)), id, {
      findingId: finding,
      description: "Beheertoegang tot de mailboxen beperken tot twee beheerders, met logging van elke aanmelding.",
      carriedBy: "processor",
      owner: "Sander Bakker",
      dueDate: localDate(new Date(clock.now().getTime() + 20 * DAY), (await findProcessor(tx)).timeZone),
    });
  }
  if (second) {
    const id = await requestAudit(tx, ago(clock, 3 * DAY), { actor: second.owner.actor, name: second.owner.name, side: "customer" }, second.controllerId, {
      reason:
        "Sinds 14 november ziet onze monitoring elke nacht rond 03:00 aanmeldingen op ons webhostingpakket vanaf een adres van uw netwerk, zonder ticket of opdracht van ons. Wij vermoeden ongeoorloofde toegang.",
    });
    await proposeExpert(tx, ...staff(ago(clock, 2 * DAY)), id, {
      name: "ir. A. Jansen CISA",
      firm: "Jansen Security Audits",
      undertaking: file("geheimhouding-jansen.txt", "Geheimhoudingsverklaring A. Jansen CISA, getekend."),
    });
  }
  if (third) {
    const id = await requestAudit(tx, ago(clock, 20 * DAY), { actor: third.owner.actor, name: third.owner.name, side: "customer" }, third.controllerId, {
      reason:
        "Wij hebben op 1 oktober gehoord dat een concurrent van ons ook klant bij u is en willen daarom zeker weten dat onze gegevens gescheiden blijven van de zijne.",
    });
    await refuseAudit(tx, ...staff(ago(clock, 18 * DAY)), id, {
      reasoning:
        "Het verzoek noemt geen concrete aanwijzing van misbruik (art. 10.2): dat een concurrent ook klant is, is geen vermoeden van misbruik. De scheiding van klantgegevens beschrijft Bijlage 2 (maatregelen); vragen daarover beantwoorden wij graag via een vraag over de maatregelen.",
    });
  }
}
