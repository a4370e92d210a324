import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { endOfCalendarDays } from "../../domain/legal-time.ts";
import type { BreachNotice } from "../../domain/breach-notice.ts";
import type { NoticeData, NoticeKind, SubprocessorChangeKind } from "../../db/schema/index.ts";
import type { SubprocessorChangeAnnounced } from "../subprocessors/index.ts";
import { NOTICE_KINDS, registerAllNoticeKinds } from "../../modules.ts";
import { noticeKindOf } from "./kind-registry.ts";
import { noticeTitle, renderNotice } from "./render.ts";
import type { RenderContext } from "./render.ts";

registerAllNoticeKinds();

const LOCALES = ["nl", "en"] as const;
const ZONE = "Europe/Amsterdam";

function context(overrides: Partial<RenderContext> = {}): RenderContext {
  return {
    processorName: "Hostnet",
    processorEmail: "privacy@hostnet.example",
    zone: ZONE,
    portalUrl: "http://127.0.0.1:3000",
    noticeUrl: "http://127.0.0.1:3000/portal/notices/ntc_42?tab=objection&x=1",
    reference: "N-2026-000042",
    recipientName: "J. de Vries",
    customerName: "Bakkerij Jansen BV",
    ...overrides,
  };
}

/** An announcement whose window ends `days` calendar days after `announcedAt` in Amsterdam (art. 5.2). */
function announcement(overrides: Partial<SubprocessorChangeAnnounced> = {}, announcedAt = "2026-10-11T08:00:00Z", days = 14): SubprocessorChangeAnnounced {
  return {
    kind: "subprocessor_change_announced",
    changeId: "chg_0001",
    changeKind: "add",
    subprocessor: { name: "Acme Backup GmbH", activity: { nl: "Externe back-ups", en: "Off-site backups" }, countries: ["DE", "US"] },
    replaces: null,
    previousCountries: null,
    services: [
      { nl: "Webhosting", en: "Web hosting" },
      { nl: "Zakelijke e-mail", en: "Business email" },
    ],
    description: { nl: "Wij verplaatsen de back-ups naar een tweede aanbieder.", en: "We move the backups to a second provider." },
    windowEndsAt: endOfCalendarDays(new Date(announcedAt), days, ZONE).toISOString(),
    windowDays: days,
    plannedEffectiveAt: "2026-11-02T08:00:00Z",
    ...overrides,
  };
}

/**
 * A follow-up breach notice (art. 6): discovered on 28 March 2026 at 10:00 (+01:00), so its 48 hours
 * end on 30 March at 11:00 (+02:00), across the start of summer time.
 */
function breachNotice(overrides: Partial<BreachNotice> = {}): BreachNotice {
  return {
    kind: "breach_notice",
    incidentId: "inc_9f2",
    reference: "INC-0007",
    title: "Opslagnode ams-st-07 gecompromitteerd",
    stage: "follow_up",
    sequence: 2,
    facts: {
      cause: { status: "known", value: "Misbruik van een uitgelekte beheerderssleutel van opslagnode ams-st-07." },
      consequences: { status: "known", value: "Onbevoegden hebben mogelijk bestanden in webhostingpakketten ingezien en gekopieerd." },
      solution: { status: "known", value: "Sleutel ingetrokken, node geïsoleerd en opnieuw opgebouwd." },
      contact: { status: "known", value: { name: "S. Bakker (security officer)", email: "security@hostnet.example", phone: "+31 20 123 4567" } },
      affectedCount: { status: "known", value: { kind: "range", min: 120, max: 1500 } },
      subjectGroup: { status: "unknown", reason: "analyse van de logbestanden loopt nog" },
      dataKinds: { status: "known", value: ["namen", "e-mailadressen", "bestelgegevens"] },
      period: { status: "known", value: { start: "2026-03-27T22:15:00.000Z", end: "ongoing" } },
      discoveredAt: { status: "known", value: "2026-03-28T09:00:00.000Z" },
      unintelligible: { status: "known", value: { state: "partly", description: "wachtwoorden gehasht (bcrypt), overige gegevens niet" } },
      measuresTaken: { status: "known", value: "Toegang tot de beheeromgeving beperkt tot het VPN; alle sleutels vervangen." },
      measuresPlanned: { status: "known", value: "Forensisch onderzoek door een externe partij." },
    },
    changed: ["affectedCount"],
    message: "Het aantal betrokken personen is nu bekend als bandbreedte.",
    nature: { confidentiality: true, integrity: false, availability: false },
    dueAt: "2026-03-30T09:00:00.000Z",
    affectedCustomers: 3000,
    ...overrides,
  };
}

/** One notice of every kind, with what each must show, per locale. */
function sample(kind: NoticeKind): { data: NoticeData; facts: Record<"nl" | "en", string[]> } {
  switch (kind) {
    case "subprocessor_change_announced":
      return {
        data: announcement(),
        facts: {
          nl: [
            "Acme Backup GmbH",
            "Externe back-ups",
            "Duitsland (DE)",
            "Verenigde Staten (US)",
            "Webhosting",
            "Zakelijke e-mail",
            "25-10-2026 23:59 (UTC+01:00)",
            "14 kalenderdagen",
            "02-11-2026 09:00 (UTC+01:00)",
            "art. 5.2",
          ],
          en: [
            "Acme Backup GmbH",
            "Off-site backups",
            "Germany (DE)",
            "United States of America (US)",
            "Web hosting",
            "Business email",
            "25 Oct 2026 23:59 (UTC+01:00)",
            "14 calendar days",
            "2 Nov 2026 09:00 (UTC+01:00)",
            "art. 5.2",
          ],
        },
      };
    case "subprocessor_change_effective":
      return {
        data: {
          kind,
          changeId: "chg_0001",
          changeKind: "add",
          subprocessor: { name: "Acme Backup GmbH", activity: { nl: "Externe back-ups", en: "Off-site backups" }, countries: ["DE"] },
          effectiveAt: "2026-11-02T08:00:00Z",
          annexVersion: 3,
        },
        facts: {
          nl: ["Acme Backup GmbH", "02-11-2026 09:00 (UTC+01:00)", "Bijlage 1", "(3)", "art. 5.2", "Duitsland (DE)"],
          en: ["Acme Backup GmbH", "2 Nov 2026 09:00 (UTC+01:00)", "Annex 1", "(3)", "art. 5.2", "Germany (DE)"],
        },
      };
    case "subprocessor_change_withdrawn":
      return {
        data: {
          kind,
          changeId: "chg_0001",
          subprocessor: { name: "Acme Backup GmbH", activity: { nl: "Back-ups", en: "Backups" }, countries: ["DE"] },
          reason: "De aanbieder voldoet niet aan onze eisen.",
        },
        facts: {
          nl: ["Acme Backup GmbH", "niet doorgevoerd", "De aanbieder voldoet niet aan onze eisen.", "art. 5.2"],
          en: ["Acme Backup GmbH", "will not be made", "De aanbieder voldoet niet aan onze eisen.", "art. 5.2"],
        },
      };
    case "objection_received":
      return {
        data: {
          kind,
          changeId: "chg_0001",
          objectionId: "obj_7",
          subprocessorName: "Acme Backup GmbH",
          customerName: "Bakkerij Jansen BV",
          reason: "Doorgifte naar de VS zonder passende waarborgen.",
        },
        facts: {
          nl: ["Bakkerij Jansen BV", "Acme Backup GmbH", "Doorgifte naar de VS zonder passende waarborgen.", "art. 5.2", "obj_7", "overleg"],
          en: ["Bakkerij Jansen BV", "Acme Backup GmbH", "Doorgifte naar de VS zonder passende waarborgen.", "art. 5.2", "obj_7", "consult"],
        },
      };
    case "consultation_message":
      return {
        data: {
          kind,
          changeId: "chg_0001",
          objectionId: "obj_7",
          subprocessorName: "Acme Backup GmbH",
          from: "processor",
          authorName: "P. Privacy",
          excerpt: "Wij bieden opslag in Frankfurt aan.",
        },
        facts: {
          nl: ["P. Privacy", "Acme Backup GmbH", "Wij bieden opslag in Frankfurt aan.", "art. 5.2", "obj_7"],
          en: ["P. Privacy", "Acme Backup GmbH", "Wij bieden opslag in Frankfurt aan.", "art. 5.2", "obj_7"],
        },
      };
    case "objection_closed":
      return {
        data: { kind, changeId: "chg_0001", objectionId: "obj_7", subprocessorName: "Acme Backup GmbH", outcome: "resolved", note: "Opslag blijft in de EU." },
        facts: {
          nl: ["Acme Backup GmbH", "oplossing bereikt", "Opslag blijft in de EU.", "art. 5.2", "obj_7"],
          en: ["Acme Backup GmbH", "reached a solution", "Opslag blijft in de EU.", "art. 5.2", "obj_7"],
        },
      };
    case "case_opened":
      return {
        data: {
          kind,
          caseId: "c1",
          reference: "V-2026-0001",
          caseKind: { nl: "Hulp bij DPIA", en: "DPIA help" },
          title: "DPIA webshop",
          customerName: "Bakkerij Alfa",
          askedByName: "D. Pieters",
          dueAt: "2026-04-11T21:59:59.999Z",
        },
        facts: {
          nl: ["V-2026-0001", "Hulp bij DPIA", "DPIA webshop", "D. Pieters", "11-04-2026"],
          en: ["V-2026-0001", "DPIA help", "DPIA webshop", "D. Pieters", "11 Apr 2026"],
        },
      };
    case "case_message":
      return {
        data: {
          kind,
          caseId: "c1",
          reference: "V-2026-0001",
          caseKind: { nl: "Hulp bij DPIA", en: "DPIA help" },
          title: "DPIA webshop",
          from: "processor",
          authorName: "P. Privacy",
          excerpt: "Zie de bijlage.",
        },
        facts: { nl: ["V-2026-0001", "DPIA webshop", "P. Privacy", "Zie de bijlage."], en: ["V-2026-0001", "DPIA webshop", "P. Privacy", "Zie de bijlage."] },
      };
    case "case_estimate":
      return {
        data: {
          kind,
          caseId: "c1",
          reference: "V-2026-0001",
          caseKind: { nl: "Hulp bij DPIA", en: "DPIA help" },
          title: "DPIA webshop",
          estimateId: "e1",
          totalCents: 123450,
          currency: "EUR",
          description: "10 uur advies",
        },
        facts: {
          nl: ["V-2026-0001", "DPIA webshop", "1.234,50", "10 uur advies", "art. 2.4"],
          en: ["V-2026-0001", "DPIA webshop", "1,234.50", "10 uur advies", "art. 2.4"],
        },
      };
    case "case_estimate_decided":
      return {
        data: {
          kind,
          caseId: "c1",
          reference: "V-2026-0001",
          caseKind: { nl: "Hulp bij DPIA", en: "DPIA help" },
          title: "DPIA webshop",
          accepted: true,
          decidedByName: "D. Pieters",
          totalCents: 50000,
          currency: "EUR",
        },
        facts: {
          nl: ["V-2026-0001", "DPIA webshop", "D. Pieters", "aanvaard", "500,00"],
          en: ["V-2026-0001", "DPIA webshop", "D. Pieters", "accepted", "500.00"],
        },
      };
    case "case_closed":
      return {
        data: {
          kind,
          caseId: "c1",
          reference: "V-2026-0001",
          caseKind: { nl: "Hulp bij DPIA", en: "DPIA help" },
          title: "DPIA webshop",
          outcome: { nl: "Opgeleverd", en: "Delivered" },
          note: "De DPIA-bijdrage staat klaar.",
          finalCents: 45000,
          currency: "EUR",
          deliverables: 1,
        },
        facts: {
          nl: ["V-2026-0001", "DPIA webshop", "Opgeleverd", "De DPIA-bijdrage staat klaar.", "450,00"],
          en: ["V-2026-0001", "DPIA webshop", "Delivered", "De DPIA-bijdrage staat klaar.", "450.00"],
        },
      };
    case "instruction_accepted":
      return {
        data: {
          kind,
          caseId: "c2",
          reference: "V-2026-0007",
          caseKind: { nl: "Schriftelijke instructie voor een ander doel", en: "Written instruction for another purpose" },
          title: "Fraudeanalyse webshop",
          purpose: {
            nl: "Fraudeanalyse (schriftelijke instructie V-2026-0007, vanaf 1 januari 2027)",
            en: "Fraud analysis (written instruction V-2026-0007, from 1 January 2027)",
          },
          services: [
            { nl: "Webhosting", en: "Web hosting" },
            { nl: "E-mail", en: "Email" },
          ],
          from: "2027-01-01",
          annexVersion: 4,
          note: "Wij verwerken de logbestanden ook hiervoor.",
        },
        facts: {
          nl: [
            "V-2026-0007",
            "Fraudeanalyse webshop",
            "versie 4",
            "vanaf 1 januari 2027",
            "Webhosting en E-mail",
            "Wij verwerken de logbestanden ook hiervoor.",
            "art. 1.2",
          ],
          en: [
            "V-2026-0007",
            "Fraudeanalyse webshop",
            "version 4",
            "from 1 January 2027",
            "Web hosting and Email",
            "Wij verwerken de logbestanden ook hiervoor.",
            "art. 1.2",
          ],
        },
      };
    case "instruction_warning":
      return {
        data: {
          kind,
          caseId: "c3",
          reference: "V-2026-0008",
          caseKind: { nl: "Schriftelijke instructie voor een ander doel", en: "Written instruction for another purpose" },
          title: "Bezoekers volgen voor advertenties",
          provision: "AVG art. 6 lid 1",
          reasoning: "Er is geen grondslag voor dit doel.",
        },
        facts: {
          nl: ["V-2026-0008", "Bezoekers volgen voor advertenties", "AVG art. 6 lid 1", "Er is geen grondslag voor dit doel.", "art. 28 lid 3 AVG"],
          en: ["V-2026-0008", "Bezoekers volgen voor advertenties", "AVG art. 6 lid 1", "Er is geen grondslag voor dit doel.", "GDPR art. 28(3)"],
        },
      };
    case "subject_request_confirmation":
      return {
        data: { kind, reference: "B-2026-0003", right: "erasure", secret: "s3cr3t-link", expiresAt: "2026-07-16T08:00:00.000Z" },
        facts: {
          nl: ["B-2026-0003", "Wissen (art. 17 AVG)", "/privacy-request/confirm/s3cr3t-link", "16-07-2026 10:00 (UTC+02:00)", "uw verzoek aan"],
          en: ["B-2026-0003", "Erasure (GDPR art. 17)", "/privacy-request/confirm/s3cr3t-link", "16 Jul 2026 10:00 (UTC+02:00)", "your request to"],
        },
      };
    case "subject_request_received":
      return {
        data: { kind, requestId: "r1", reference: "B-2026-0003", right: "access", source: "web_form", dueAt: "2026-07-17T21:59:59.999Z" },
        facts: {
          nl: ["B-2026-0003", "Inzage (art. 15 AVG)", "Formulier op de website", "17-07-2026 23:59 (UTC+02:00)", "art. 8.1"],
          en: ["B-2026-0003", "Access (GDPR art. 15)", "Form on the website", "17 Jul 2026 23:59 (UTC+02:00)", "art. 8.1"],
        },
      };
    case "subject_request_forwarded":
      return {
        data: {
          kind,
          requestId: "r1",
          reference: "B-2026-0003",
          right: "erasure",
          source: "letter",
          receivedAt: "2026-07-15T08:00:00.000Z",
          content: {
            name: "J. de Vries",
            email: "j.devries@example.nl",
            phone: null,
            organisation: "Bakkerij Alfa",
            website: "bakkerij-alfa.nl",
            message: "Verwijder mijn gegevens uit uw nieuwsbrief.",
          },
          files: 1,
        },
        facts: {
          nl: [
            "B-2026-0003",
            "Wissen (art. 17 AVG)",
            "Brief",
            "J. de Vries",
            "j.devries@example.nl",
            "Bakkerij Alfa",
            "bakkerij-alfa.nl",
            "Verwijder mijn gegevens",
            "art. 8.2",
          ],
          en: [
            "B-2026-0003",
            "Erasure (GDPR art. 17)",
            "Letter",
            "J. de Vries",
            "j.devries@example.nl",
            "Bakkerij Alfa",
            "bakkerij-alfa.nl",
            "Verwijder mijn gegevens",
            "art. 8.2",
          ],
        },
      };
    case "subject_request_requester_told":
      return {
        data: { kind, reference: "B-2026-0003", right: "access" },
        facts: { nl: ["B-2026-0003", "Inzage (art. 15 AVG)", "doorgestuurd"], en: ["B-2026-0003", "Access (GDPR art. 15)", "forwarded"] },
      };
    case "subject_request_not_ours":
      return {
        data: { kind, reference: "B-2026-0003", right: "objection" },
        facts: {
          nl: ["B-2026-0003", "Bezwaar (art. 21 AVG)", "geen klant van ons"],
          en: ["B-2026-0003", "Objection (GDPR art. 21)", "not one of our customers"],
        },
      };
    case "break_glass":
      return {
        data: {
          kind,
          grantId: "g1",
          controllerId: "c1",
          customerName: "Bakkerij Jansen BV",
          staffName: "Sam Support",
          staffEmail: "sam@hostnet.example",
          reason: "Klant belde over een storing in de mailbox, ticket 4711",
          expiresAt: "2026-07-15T09:00:00.000Z",
        },
        facts: {
          nl: ["Sam Support", "sam@hostnet.example", "Bakkerij Jansen BV", "ticket 4711", "11:00", "art. 9.1"],
          en: ["Sam Support", "sam@hostnet.example", "Bakkerij Jansen BV", "ticket 4711", "11:00", "art. 9.1"],
        },
      };
    case "contact_failing":
      return {
        data: { kind, email: "dpo@bakkerij.example", reason: "550 5.1.1 mailbox unavailable", customerName: null },
        facts: {
          nl: ["dpo@bakkerij.example", "550 5.1.1 mailbox unavailable", "art. 4.4", "functionaris voor gegevensbescherming"],
          en: ["dpo@bakkerij.example", "550 5.1.1 mailbox unavailable", "art. 4.4", "data protection officer"],
        },
      };
    case "account_locked":
      return {
        data: { kind, failures: 5, lockedUntil: "2026-07-15T08:05:00.000Z" },
        facts: {
          nl: ["5 keer", "15-07-2026 10:05 (UTC+02:00)", "tweestapsverificatie"],
          en: ["5 times", "15 Jul 2026 10:05 (UTC+02:00)", "two-factor authentication"],
        },
      };
    case "account_invitation":
      return {
        data: {
          kind,
          secret: "s3cr3t-link-value",
          expiresAt: "2026-07-22T08:05:00.000Z",
          invitedBy: "Anna de Vries",
          customerName: "Bakkerij Zeta",
          role: "privacy_contact",
        },
        facts: {
          nl: ["Anna de Vries", "Bakkerij Zeta", "privacycontactpersoon", "22-07-2026 10:05 (UTC+02:00)", "/invite/s3cr3t-link-value"],
          en: ["Anna de Vries", "Bakkerij Zeta", "privacy contact", "22 Jul 2026 10:05 (UTC+02:00)", "/invite/s3cr3t-link-value"],
        },
      };
    case "password_reset":
      return {
        data: { kind, secret: "r3set-link-value", expiresAt: "2026-07-15T09:05:00.000Z" },
        facts: {
          nl: ["15-07-2026 11:05 (UTC+02:00)", "/reset-password/r3set-link-value", "overal uitgelogd"],
          en: ["15 Jul 2026 11:05 (UTC+02:00)", "/reset-password/r3set-link-value", "logs you out everywhere"],
        },
      };
    case "signing_reminder":
      return {
        data: { kind, agreementId: "agr_1", templateVersion: 2, offeredAt: "2026-03-20T10:00:00.000Z", day: 7 },
        facts: { nl: ["versie 2", "20-03-2026", "/portal/agreements/agr_1"], en: ["version 2", "20 Mar 2026", "/portal/agreements/agr_1"] },
      };
    case "obligation_reminder":
      return {
        data: {
          kind,
          obligationId: "obl_3",
          title: { nl: "Informatie over maatregelen verstrekken (art. 2.2)", en: "Provide information on measures (art. 2.2)" },
          dueAt: "2026-07-15T21:59:59.999Z",
        },
        facts: {
          nl: ["Informatie over maatregelen verstrekken (art. 2.2)", "15-07-2026 23:59 (UTC+02:00)"],
          en: ["Provide information on measures (art. 2.2)", "15 Jul 2026 23:59 (UTC+02:00)"],
        },
      };
    case "obligation_escalated":
      return {
        data: {
          kind,
          obligationId: "obl_3",
          title: { nl: "Datalek melden (art. 6.1)", en: "Notify data breach (art. 6.1)" },
          dueAt: "2026-03-30T09:00:00Z",
          customerName: "Bakkerij Jansen BV",
        },
        facts: {
          nl: ["Datalek melden (art. 6.1)", "30-03-2026 11:00 (UTC+02:00)", "Bakkerij Jansen BV", "verstreken"],
          en: ["Notify data breach (art. 6.1)", "30 Mar 2026 11:00 (UTC+02:00)", "Bakkerij Jansen BV", "passed"],
        },
      };
    case "breach_notice":
      return {
        data: breachNotice(),
        facts: {
          nl: [
            "INC-0007",
            "Opslagnode ams-st-07 gecompromitteerd",
            "art. 6",
            "art. 33 lid 4 AVG",
            "Misbruik van een uitgelekte beheerderssleutel van opslagnode ams-st-07.",
            "tussen 120 en 1.500",
            "Nog onbekend (analyse van de logbestanden loopt nog)",
            "namen, e-mailadressen, bestelgegevens",
            "sinds 27-03-2026 23:15 (UTC+01:00) (nog gaande)",
            "28-03-2026 10:00 (UTC+01:00)",
            "Gedeeltelijk: wachtwoorden gehasht (bcrypt), overige gegevens niet",
            "S. Bakker (security officer), security@hostnet.example, +31 20 123 4567",
            "Gewijzigd sinds onze vorige melding:",
            "(gewijzigd)",
            "Het aantal betrokken personen is nu bekend als bandbreedte.",
            "vertrouwelijkheid",
            "3.000",
            "Autoriteit Persoonsgegevens",
            "72 uur",
          ],
          en: [
            "INC-0007",
            "Opslagnode ams-st-07 gecompromitteerd",
            "art. 6",
            "art. 33(4) GDPR",
            "Misbruik van een uitgelekte beheerderssleutel van opslagnode ams-st-07.",
            "between 120 and 1,500",
            "Not yet known (analyse van de logbestanden loopt nog)",
            "namen, e-mailadressen, bestelgegevens",
            "since 27 Mar 2026 23:15 (UTC+01:00) (still going on)",
            "28 Mar 2026 10:00 (UTC+01:00)",
            "Partly: wachtwoorden gehasht (bcrypt), overige gegevens niet",
            "Changed since our previous notification:",
            "(changed)",
            "confidentiality",
            "3,000",
            "Autoriteit Persoonsgegevens",
            "72 hours",
          ],
        },
      };
    case "contact_confirmation":
      return {
        data: {
          kind,
          reminder: true,
          contactName: "Dirk Pieters",
          contactEmail: "dpo@bakkerij.example",
          lastConfirmedAt: "2026-01-31T09:00:00.000Z",
          staleAt: "2027-03-02T22:59:59.999Z",
        },
        facts: {
          nl: [
            "Wij vroegen u onlangs",
            "Dirk Pieters",
            "dpo@bakkerij.example",
            "31-01-2026",
            "02-03-2027 23:59 (UTC+01:00)",
            "art. 4.4",
            "/portal/contact",
            "verouderd",
          ],
          en: [
            "We recently asked you",
            "Dirk Pieters",
            "dpo@bakkerij.example",
            "31 Jan 2026",
            "2 Mar 2027 23:59 (UTC+01:00)",
            "art. 4.4",
            "/portal/contact",
            "stale",
          ],
        },
      };
    case "contact_stale":
      return {
        data: {
          kind,
          contactName: "Dirk Pieters",
          contactEmail: "dpo@bakkerij.example",
          lastConfirmedAt: "2026-01-31T09:00:00.000Z",
          requestedAt: "2027-01-30T23:00:00.000Z",
        },
        facts: {
          nl: ["Dirk Pieters", "dpo@bakkerij.example", "31-01-2026", "31-01-2027", "art. 4.4", "verouderd", "/portal/contact"],
          en: ["Dirk Pieters", "dpo@bakkerij.example", "31 Jan 2026", "31 Jan 2027", "art. 4.4", "stale", "/portal/contact"],
        },
      };
    case "annex2_published":
      return {
        data: {
          kind,
          version: 3,
          previousVersion: 2,
          publishedAt: "2026-03-20T10:00:00.000Z",
          changes: {
            added: [{ code: "siem", title: { nl: "Centrale beveiligingsmonitoring", en: "Central security monitoring" } }],
            removed: [{ code: "fax", title: { nl: "Beveiligde fax", en: "Secure fax" } }],
            changed: [{ code: "mfa", title: { nl: "Tweefactorauthenticatie", en: "Two-factor authentication" }, fields: ["description"] }],
          },
          note: "Jaarlijkse herziening",
        },
        facts: {
          nl: [
            "versie 3",
            "20-03-2026",
            "Centrale beveiligingsmonitoring",
            "Beveiligde fax",
            "Tweefactorauthenticatie",
            "Jaarlijkse herziening",
            "/portal/measures",
          ],
          en: [
            "version 3",
            "20 Mar 2026",
            "Central security monitoring",
            "Secure fax",
            "Two-factor authentication",
            "Jaarlijkse herziening",
            "/portal/measures",
          ],
        },
      };
    case "disclosure_notice":
      return {
        data: {
          kind,
          orderId: "o1",
          reference: "VB-0001",
          authority: "Politie Eenheid Amsterdam",
          authorityKind: "police",
          legalBasis: "art. 126nd Sv",
          receivedAt: "2026-03-02T09:00:00Z",
          decision: "comply_in_part",
          disclosedAt: "2026-03-04T12:00:00Z",
          gagEndedAt: "2026-06-01T22:00:00Z",
          summary: "Gegevens van één mailbox.",
        },
        facts: {
          nl: ["VB-0001", "Politie Eenheid Amsterdam", "art. 126nd Sv", "Gedeeltelijk voldaan", "Gegevens van één mailbox.", "art. 9.2", "zwijgplicht"],
          en: ["VB-0001", "Politie Eenheid Amsterdam", "art. 126nd Sv", "Complied in part", "Gegevens van één mailbox.", "art. 9.2", "gag order"],
        },
      };
    case "disclosure_statement":
      return {
        data: {
          kind,
          statementId: "s1",
          customerName: "Bakkerij Alfa",
          authority: "Belastingdienst",
          legalBasis: "art. 47 AWR",
          information: "De beveiligingsrapportage",
          dueAt: null,
        },
        facts: {
          nl: ["Bakkerij Alfa", "Belastingdienst", "art. 47 AWR", "De beveiligingsrapportage", "art. 9.2"],
          en: ["Bakkerij Alfa", "Belastingdienst", "art. 47 AWR", "De beveiligingsrapportage", "art. 9.2"],
        },
      };
    case "agreement_ended":
      return {
        data: {
          kind,
          endingId: "e1",
          reference: "BE-0001",
          endedAt: "2026-03-28T09:00:00.000Z",
          planDueAt: "2026-04-27T21:59:59.999Z",
          portalClosesAt: "2026-06-26T21:59:59.999Z",
          lines: 7,
        },
        facts: {
          nl: ["BE-0001", "28-03-2026", "27-04-2026 23:59 (UTC+02:00)", "26-06-2026", "7 regels", "art. 12.2", "teruggave", "/portal/ending"],
          en: ["BE-0001", "28 Mar 2026", "27 Apr 2026 23:59 (UTC+02:00)", "26 Jun 2026", "7 lines", "art. 12.2", "return", "/portal/ending"],
        },
      };
    case "deletion_certificate":
      return {
        data: {
          kind,
          endingId: "e1",
          certificateId: "c1",
          reference: "BE-0001",
          number: 2,
          supplementary: true,
          sha256: "ab".repeat(32),
          portalClosesAt: "2026-06-26T21:59:59.999Z",
        },
        facts: {
          nl: ["Aanvullende verwijderingsverklaring BE-0001-2", "ab".repeat(32), "26-06-2026", "bewaarplicht", "/portal/ending"],
          en: ["Supplementary deletion certificate BE-0001-2", "ab".repeat(32), "26 Jun 2026", "legal hold", "/portal/ending"],
        },
      };
    case "legal_hold_ended":
      return {
        data: {
          kind,
          endingId: "e1",
          holdId: "h1",
          reference: "BE-0001",
          customerName: "Bakkerij Alfa",
          data: "Facturen aan de klant",
          legalGround: "art. 52 AWR (7 jaar)",
          endsOn: "2033-12-31",
        },
        facts: {
          nl: ["Bakkerij Alfa", "Facturen aan de klant", "art. 52 AWR (7 jaar)", "2033-12-31", "art. 12.4", "/admin/endings"],
          en: ["Bakkerij Alfa", "Facturen aan de klant", "art. 52 AWR (7 jaar)", "2033-12-31", "art. 12.4", "/admin/endings"],
        },
      };
    case "audit_requested":
      return {
        data: { kind, auditId: "a1", reference: "AU-2026-0001", customerName: "Bakkerij Alfa", earliestAt: "2026-06-14T22:00:00.000Z" },
        facts: {
          nl: ["Bakkerij Alfa", "AU-2026-0001", "15-06-2026 00:00", "art. 10.2"],
          en: ["Bakkerij Alfa", "AU-2026-0001", "00:00", "art. 10.2"],
        },
      };
    case "audit_refused":
      return {
        data: { kind, auditId: "a1", reference: "AU-2026-0001" },
        facts: { nl: ["AU-2026-0001", "geweigerd", "art. 10.2", "art. 9.1"], en: ["AU-2026-0001", "refused", "art. 10.2", "art. 9.1"] },
      };
    case "audit_update":
      return {
        data: { kind, auditId: "a1", reference: "AU-2026-0001", activity: "information_answered", at: null },
        facts: {
          nl: ["AU-2026-0001", "Een informatieverzoek is beantwoord", "art. 9.1"],
          en: ["AU-2026-0001", "An information request was answered", "art. 9.1"],
        },
      };
    case "audit_activity":
      return {
        data: { kind, auditId: "a1", reference: "AU-2026-0001", customerName: "Bakkerij Alfa", activity: "date_proposed", at: "2026-06-20T07:00:00.000Z" },
        facts: { nl: ["Bakkerij Alfa", "AU-2026-0001", "datum", "20-06-2026 09:00"], en: ["Bakkerij Alfa", "AU-2026-0001", "date", "09:00"] },
      };
    case "default_notice_given":
      return {
        data: {
          kind,
          noticeId: "d1",
          reference: "IG-0001",
          customerName: "Bakkerij Alfa",
          learnedAt: "2026-03-02T09:00:00Z",
          givenAt: "2026-03-05T10:30:00Z",
          elapsedMinutes: 4410,
          late: true,
        },
        facts: {
          nl: ["IG-0001", "Bakkerij Alfa", "73 u 30 min", "later dan 48 uur", "art. 11.5", "/admin/default-notices/d1"],
          en: ["IG-0001", "Bakkerij Alfa", "73 h 30 min", "later than 48 hours", "art. 11.5", "/admin/default-notices/d1"],
        },
      };
    case "cure_date_proposed":
    case "cure_date_agreed":
      return {
        data: { kind, noticeId: "d1", reference: "IG-0001", date: "2026-03-20", to: "customer", byName: "Petra Privacy" },
        facts: {
          nl: ["IG-0001", "20-03-2026", "Petra Privacy", "art. 11.5", "/portal/default-notices/d1"],
          en: ["IG-0001", "20 Mar 2026", "Petra Privacy", "art. 11.5", "/portal/default-notices/d1"],
        },
      };
    case "claim_lapse_reminder":
      return {
        data: { kind, claimId: "c1", reference: "CL-0001", customerName: "Bakkerij Alfa", lapsesAt: "2027-03-15T22:59:59.999Z" },
        facts: {
          nl: ["CL-0001", "Bakkerij Alfa", "15-03-2027", "art. 11.6", "/admin/claims/c1"],
          en: ["CL-0001", "Bakkerij Alfa", "15 Mar 2027", "art. 11.6", "/admin/claims/c1"],
        },
      };
    default: {
      const unknown: never = kind;
      throw new Error(`no sample for ${String(unknown)}`);
    }
  }
}

const decodeHtml = (html: string): string =>
  html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("every notice kind", () => {
  for (const kind of NOTICE_KINDS.map((definition) => definition.kind)) {
    for (const locale of LOCALES) {
      test(`${kind} in ${locale}: complete, with its facts, in both parts`, () => {
        const { data, facts } = sample(kind);
        const rendered = renderNotice(data, locale, context());
        for (const [part, value] of Object.entries(rendered)) {
          assert.doesNotMatch(value, /\{\{|\}\}/, `${part} has a leftover tag`);
        }
        assert.ok(rendered.subject.startsWith("Hostnet: "), rendered.subject);
        assert.ok(rendered.subject.length <= 100, rendered.subject);
        assert.equal(rendered.subject, `Hostnet: ${noticeTitle(data, locale)}`);
        const html = decodeHtml(rendered.html);
        for (const fact of facts[locale]) {
          assert.ok(rendered.text.includes(fact), `text lacks ${fact}`);
          assert.ok(html.includes(fact), `html lacks ${fact}`);
        }
        if (noticeKindOf(kind).toPublic) {
          // To a data subject: no link into the portal it cannot open, nor the agreement's footer.
          assert.ok(!rendered.text.includes(context().noticeUrl) && !rendered.html.includes(context().noticeUrl), "a public notice links into the portal");
          assert.doesNotMatch(rendered.text, /verwerkersovereenkomst \(art\. 28|data processing agreement \(art\. 28/);
        } else {
          assert.ok(rendered.text.includes(context().noticeUrl), "text lacks the link written out");
        }
        // Quoted by its readable reference, never an internal id.
        const word = locale === "nl" ? "Kenmerk" : "Reference";
        assert.ok(rendered.text.includes(`${word}: N-2026-000042`), "text lacks the notice's reference");
        assert.ok(html.includes(`${word}: N-2026-000042`), "html lacks the notice's reference");
        for (const [, quoted] of rendered.text.matchAll(/^(?:Kenmerk|Reference): (.*)$/gm)) {
          assert.match(quoted ?? "", /^(N-2026-000042|INC-[0-9]{4})$/, "a reference line quotes an internal id");
        }
        if (!noticeKindOf(kind).toPublic) {
          assert.ok(rendered.html.includes(`href="http://127.0.0.1:3000/portal/notices/ntc_42?tab=objection&amp;x=1"`));
        }
      });
    }

    test(`${kind}: Dutch and English differ`, () => {
      const { data } = sample(kind);
      const nl = renderNotice(data, "nl", context());
      const en = renderNotice(data, "en", context());
      assert.notEqual(nl.subject, en.subject);
      assert.notEqual(nl.text, en.text);
      assert.match(nl.html, /<html lang="nl">/);
      assert.match(en.html, /<html lang="en">/);
    });
  }
});

describe("announcement (art. 5.2)", () => {
  test("states the window end, the days, how to object and that agreeing needs no reply", () => {
    const nl = renderNotice(announcement(), "nl", context()).text;
    assert.match(nl, /U kunt tot en met 25-10-2026 23:59 \(UTC\+01:00\) schriftelijk en gemotiveerd bezwaar maken/);
    assert.match(nl, /14 kalenderdagen/);
    assert.match(nl, /met vermelding van de redenen/);
    assert.match(nl, /Gaat u akkoord met de wijziging, dan hoeft u niet te reageren/);
    const en = renderNotice(announcement(), "en", context()).text;
    assert.match(en, /in writing, stating your reasons, until and including 25 Oct 2026 23:59 \(UTC\+01:00\)/);
    assert.match(en, /no reply is needed/);
  });

  test("a window ending on the day DST ends (2026-10-25) shows +01:00", () => {
    const data = announcement({}, "2026-10-11T08:00:00Z", 14);
    assert.match(renderNotice(data, "nl", context()).text, /25-10-2026 23:59 \(UTC\+01:00\)/);
    assert.match(renderNotice(data, "en", context()).html, /25 Oct 2026 23:59 \(UTC\+01:00\)/);
  });

  test("a window ending in summer shows +02:00", () => {
    const data = announcement({ plannedEffectiveAt: null }, "2026-07-01T10:00:00Z", 14);
    assert.match(renderNotice(data, "nl", context()).text, /tot en met 15-07-2026 23:59 \(UTC\+02:00\)/);
    assert.match(renderNotice(data, "en", context()).text, /until and including 15 Jul 2026 23:59 \(UTC\+02:00\)/);
  });

  test("dates follow the processor's zone", () => {
    const data = announcement({}, "2026-07-01T10:00:00Z", 14);
    assert.match(renderNotice(data, "en", context({ zone: "Europe/London" })).text, /15 Jul 2026 22:59 \(UTC\+01:00\)/);
    assert.match(renderNotice(data, "en", context({ zone: "UTC" })).text, /15 Jul 2026 21:59 \(UTC\+00:00\)/);
  });

  const kinds: Record<SubprocessorChangeKind, { nl: RegExp; en: RegExp }> = {
    add: { nl: /Acme Backup GmbH als nieuwe subverwerker in te schakelen/, en: /engage Acme Backup GmbH as a new sub-processor/ },
    replace: { nl: /subverwerker Oud BV te vervangen door Acme Backup GmbH/, en: /replace sub-processor Oud BV with Acme Backup GmbH/ },
    remove: { nl: /inschakeling van subverwerker Acme Backup GmbH te beëindigen/, en: /stop engaging Acme Backup GmbH/ },
    relocate: {
      nl: /voorheen in Nederland \(NL\), voortaan in Duitsland \(DE\) en Verenigde Staten \(US\)/,
      en: /previously in Netherlands \(NL\), from now on in Germany \(DE\) and United States of America \(US\)/,
    },
  };
  for (const [changeKind, expected] of Object.entries(kinds) as [SubprocessorChangeKind, { nl: RegExp; en: RegExp }][]) {
    test(`says what a ${changeKind} changes`, () => {
      const data = announcement({
        changeKind,
        replaces: changeKind === "replace" ? { name: "Oud BV", activity: { nl: "Back-ups", en: "Backups" }, countries: ["NL"] } : null,
        previousCountries: changeKind === "relocate" ? ["NL"] : null,
      });
      assert.match(renderNotice(data, "nl", context()).text, expected.nl);
      assert.match(renderNotice(data, "en", context()).text, expected.en);
      assert.match(decodeHtml(renderNotice(data, "nl", context()).html.replace(/<[^>]*>/g, "")), expected.nl);
    });
  }

  test("relocate lists the countries before → after", () => {
    const data = announcement({
      changeKind: "relocate",
      previousCountries: ["NL"],
      subprocessor: { name: "Acme", activity: { nl: "Opslag", en: "Storage" }, countries: ["IE"] },
    });
    assert.match(renderNotice(data, "nl", context()).text, /Landen van verwerking: Nederland \(NL\) → Ierland \(IE\)/);
    assert.match(renderNotice(data, "en", context()).text, /Countries of processing: Netherlands \(NL\) → Ireland \(IE\)/);
  });

  test("a code that is not a country is shown as it is, not dropped", () => {
    const data = announcement({ subprocessor: { name: "Acme", activity: { nl: "Opslag", en: "Storage" }, countries: ["NL", "ZZ"] } });
    assert.match(renderNotice(data, "nl", context()).text, /Landen van verwerking: Nederland \(NL\) en ZZ/);
  });

  test("without a planned date it says the date is not set yet", () => {
    const text = renderNotice(announcement({ plannedEffectiveAt: null }), "nl", context()).text;
    assert.match(text, /Beoogde ingangsdatum: nog niet vastgesteld/);
  });
});

describe("HTML", () => {
  test("escapes a <script> in a sub-processor name, in the title and the body", () => {
    const data = announcement({ subprocessor: { name: `Evil <script>alert("x")</script> & Co`, activity: { nl: "a", en: "a" }, countries: ["NL"] } });
    const { html, text, subject } = renderNotice(data, "nl", context());
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /Evil &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; Co/);
    assert.match(text, /Evil <script>alert\("x"\)<\/script> & Co/, "the text part is not HTML");
    assert.match(subject, /Evil <script>/);
  });

  test("escapes a <script> in a consultation excerpt", () => {
    const data: NoticeData = {
      kind: "consultation_message",
      changeId: "c",
      objectionId: "o",
      subprocessorName: "Acme",
      from: "customer",
      authorName: "K. Klant",
      excerpt: `<script>steal()</script><img src=x onerror=alert(1)>`,
    };
    const { html } = renderNotice(data, "en", context());
    assert.doesNotMatch(html, /<script|<img/i);
    assert.match(html, /&lt;script&gt;steal\(\)&lt;\/script&gt;&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  test("is a single column of at most 640px without images or external resources", () => {
    const { html } = renderNotice(announcement(), "en", context());
    assert.match(html, /max-width:640px/);
    assert.doesNotMatch(html, /<img|<link|<script|<style|src=|url\(/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(new Set(hrefs), new Set(["mailto:privacy@hostnet.example", "http://127.0.0.1:3000/portal/notices/ntc_42?tab=objection&amp;x=1"]));
  });

  test("refuses a link that is not http(s)", () => {
    assert.throws(() => renderNotice(announcement(), "nl", context({ noticeUrl: "javascript:alert(1)" })), RangeError);
  });
});

describe("breach notice (art. 6)", () => {
  test("the subject says which notice it is: the first, the n-th update, the final one", () => {
    assert.equal(
      noticeTitle(breachNotice({ stage: "initial", sequence: 1, changed: [] }), "nl"),
      "Melding datalek INC-0007: Opslagnode ams-st-07 gecompromitteerd",
    );
    assert.equal(
      noticeTitle(breachNotice({ stage: "initial", sequence: 1, changed: [] }), "en"),
      "Data breach notification INC-0007: Opslagnode ams-st-07 gecompromitteerd",
    );
    assert.equal(noticeTitle(breachNotice({ sequence: 3 }), "nl"), "Aanvulling 2 op melding datalek INC-0007: Opslagnode ams-st-07 gecompromitteerd");
    assert.equal(noticeTitle(breachNotice({ sequence: 3 }), "en"), "Update 2 to data breach notification INC-0007: Opslagnode ams-st-07 gecompromitteerd");
    assert.equal(
      noticeTitle(breachNotice({ stage: "final", sequence: 4 }), "nl"),
      "Afsluitende melding datalek INC-0007: Opslagnode ams-st-07 gecompromitteerd",
    );
    assert.equal(
      noticeTitle(breachNotice({ stage: "final", sequence: 4 }), "en"),
      "Final data breach notification INC-0007: Opslagnode ams-st-07 gecompromitteerd",
    );
  });

  test("an initial notice states the 48-hour deadline and has no 'changed' line", () => {
    const data = breachNotice({ stage: "initial", sequence: 1, changed: [], message: null });
    const nl = renderNotice(data, "nl", context());
    assert.match(nl.text, /binnen 48 uur na ontdekking van het datalek te informeren; voor dit datalek is dat uiterlijk 30-03-2026 11:00 \(UTC\+02:00\)/);
    assert.match(nl.text, /overeenkomstig art\. 6\.1 van de verwerkersovereenkomst, over een datalek/);
    const en = renderNotice(data, "en", context());
    assert.match(en.text, /no later than 30 Mar 2026 11:00 \(UTC\+02:00\)/);
    for (const { text, html } of [nl, en]) {
      assert.doesNotMatch(text, /gewijzigd|changed/i);
      assert.doesNotMatch(html, /gewijzigd|changed|#fef9c3/i);
      assert.doesNotMatch(text, /Toelichting bij deze melding|About this notification/);
    }
  });

  test("a follow-up names the changed fact and marks its row; without changes it says so", () => {
    const { text, html } = renderNotice(breachNotice({ changed: ["affectedCount", "measuresTaken"] }), "nl", context());
    assert.match(
      text,
      /Gewijzigd sinds onze vorige melding: Aantal personen van wie gegevens zijn gelekt en Reeds genomen maatregelen om het lek te dichten en de gevolgen te beperken\./,
    );
    assert.match(text, /^- Aantal personen van wie gegevens zijn gelekt \(gewijzigd\): tussen 120 en 1\.500$/m);
    assert.match(text, /^- \(Vermoedelijke\) oorzaak van het lek: Misbruik/m, "an unchanged fact is not marked");
    assert.match(html, /<strong>tussen 120 en 1\.500<\/strong><\/span> <strong style="color:#92400e;">\(gewijzigd\)<\/strong>/);
    assert.equal(html.match(/\(gewijzigd\)/g)?.length, 2);
    const en = renderNotice(breachNotice({ changed: [] }), "en", context()).text;
    assert.match(en, /has not changed since our previous notification/);
    assert.doesNotMatch(en, /\(changed\)/);
  });

  test("every fact of art. 6.2 is listed, in order; an unknown one in italics", () => {
    const { text, html } = renderNotice(breachNotice(), "nl", context());
    const labels = [...text.matchAll(/^- ([^:]+?)(?: \(gewijzigd\))?: /gm)].map((m) => m[1]);
    assert.equal(labels.length, 12);
    assert.equal(labels[0], "(Vermoedelijke) oorzaak van het lek");
    assert.equal(labels[11], "Voorgenomen maatregelen om het lek te dichten en de gevolgen te beperken");
    assert.match(html, /<em style="color:#6b7280;">Nog onbekend \(analyse van de logbestanden loopt nog\)<\/em>/);
  });

  test("the nature and the number of customers are shown only when there is something to show", () => {
    const { text } = renderNotice(
      breachNotice({ nature: { confidentiality: false, integrity: false, availability: false }, affectedCustomers: null }),
      "nl",
      context(),
    );
    assert.doesNotMatch(text, /Het datalek raakt/);
    assert.doesNotMatch(text, /Aantal klanten/);
    const en = renderNotice(breachNotice({ nature: { confidentiality: true, integrity: true, availability: true } }), "en", context()).text;
    assert.match(en, /affects the confidentiality, integrity, and availability of the personal data/);
    assert.match(en, /customers affected by this data breach, including you: 3,000\./);
  });

  test("reminds the controller of its own 72-hour duty and points to the AP draft and the PDF", () => {
    const nl = renderNotice(breachNotice(), "nl", context()).text;
    assert.match(nl, /zo mogelijk binnen 72 uur nadat u van het datalek op de hoogte bent geraakt/);
    assert.match(nl, /vooraf ingevuld concept van uw melding aan de Autoriteit Persoonsgegevens/);
    assert.match(nl, /een PDF van deze melding/);
    const en = renderNotice(breachNotice({ stage: "final", sequence: 3 }), "en", context()).text;
    assert.match(en, /We have closed the incident\./);
    assert.match(en, /where feasible, within 72 hours of becoming aware/);
    assert.match(en, /prefilled draft of your notification to the Autoriteit Persoonsgegevens/);
  });

  test("HTML escapes a cause, a message and a title containing <script>", () => {
    const evil = `<script>alert("x")</script> & co`;
    const data = breachNotice({ title: evil, message: evil, facts: { ...breachNotice().facts, cause: { status: "known", value: evil } } });
    const { html, text } = renderNotice(data, "en", context());
    assert.doesNotMatch(html, /<script/i);
    assert.ok(
      html.split("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co").length - 1 >= 5,
      "title (head, heading, table), message and cause are escaped",
    );
    assert.match(text, /^- \(Suspected\) cause of the breach: <script>alert\("x"\)<\/script> & co$/m, "the text part is not HTML");
  });
});

describe("subject and title", () => {
  test("are one line of at most 100 characters", () => {
    const data = announcement({ subprocessor: { name: `Very Long Name\n${"x".repeat(300)}`, activity: { nl: "a", en: "a" }, countries: [] } });
    const { subject } = renderNotice(data, "en", context());
    assert.ok(subject.length <= 100, subject);
    assert.doesNotMatch(subject, /\n/);
    assert.ok(subject.endsWith("…"));
    assert.ok(noticeTitle(data, "en").length <= 100);
  });

  test("the title is the subject without the processor's name", () => {
    assert.equal(noticeTitle(announcement(), "nl"), "Aangekondigde wijziging subverwerker Acme Backup GmbH");
    assert.equal(noticeTitle(announcement(), "en"), "Announced change of sub-processor Acme Backup GmbH");
  });
});

describe("audiences", () => {
  test("a greeting without a name, and no customer in the footer when there is none", () => {
    const { text } = renderNotice(announcement(), "nl", context({ recipientName: null, customerName: null }));
    assert.match(text, /^Geachte heer, mevrouw,/);
    assert.match(text, /verwerkersovereenkomst \(art\. 28 AVG\) van Hostnet\./);
  });

  test("a failing contact tells the customer to update it, and staff to reach the customer", () => {
    const toCustomer = renderNotice(sample("contact_failing").data, "nl", context()).text;
    assert.match(toCustomer, /Werk de contactgegevens bij/);
    assert.match(toCustomer, /Met vriendelijke groet/);
    const toStaff = renderNotice(
      { kind: "contact_failing", email: "dpo@b.example", reason: "bounce", customerName: "Bakkerij Jansen BV" },
      "en",
      context(),
    ).text;
    assert.match(toStaff, /privacy contact address dpo@b\.example of Bakkerij Jansen BV/);
    assert.doesNotMatch(toStaff, /Kind regards/);
  });

  test("an objection's outcome is stated, and leaving cites art. 12.4", () => {
    const data: NoticeData = { kind: "objection_closed", changeId: "c", objectionId: "o", subprocessorName: "Acme", outcome: "customer_leaves", note: "" };
    const text = renderNotice(data, "nl", context()).text;
    assert.match(text, /de klant beëindigt de dienstverlening/);
    assert.match(text, /art\. 12\.4/);
    assert.doesNotMatch(text, /Toelichting/);
    assert.match(renderNotice({ ...data, outcome: "withdrawn" }, "en", context()).text, /the objection has been withdrawn/);
  });

  test("a consultation message from the customer names the customer for staff", () => {
    const data: NoticeData = {
      kind: "consultation_message",
      changeId: "c",
      objectionId: "o",
      subprocessorName: "Acme",
      from: "customer",
      authorName: "K. Klant",
      excerpt: "Graag uitstel.",
    };
    assert.match(renderNotice(data, "nl", context()).text, /K\. Klant \(Bakkerij Jansen BV\) heeft een bericht geplaatst/);
  });
});

test("renders 10,000 announcements (fan-out benchmark)", (t) => {
  const notices = Array.from({ length: 10_000 }, (_, i) =>
    announcement({ changeId: `chg_${i}`, subprocessor: { name: `Acme ${i}`, activity: { nl: "Back-ups", en: "Backups" }, countries: ["DE", "US"] } }),
  );
  const contexts = notices.map((_, i) => context({ customerName: `Klant ${i}`, noticeUrl: `http://127.0.0.1:3000/portal/notices/ntc_${i}` }));
  renderNotice(notices[0] ?? announcement(), "nl", context()); // warm up
  const start = performance.now();
  let bytes = 0;
  notices.forEach((notice, i) => {
    const rendered = renderNotice(notice, i % 2 === 0 ? "nl" : "en", contexts[i] ?? context());
    bytes += rendered.html.length + rendered.text.length;
  });
  const ms = performance.now() - start;
  t.diagnostic(`rendered 10,000 announcements (subject, text, html; ${(bytes / 1e6).toFixed(1)} MB) in ${ms.toFixed(0)} ms (${(ms / 10).toFixed(1)} µs each)`);
  assert.ok(bytes > 0);
});

test("the sender checks too: an incomplete breach notice is never rendered for sending", () => {
  const incomplete = breachNotice();
  delete incomplete.facts.cause;
  assert.throws(() => renderNotice(incomplete, "nl", context()), /INC-0007 #2 is incomplete: cause/);
});
