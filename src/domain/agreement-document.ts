/**
 * The agreement as a document: the shape every renderer (PDF, HTML, portal view) takes.
 *
 * A template version (templates/<locale>/…) plus its parameters, the processor, the controller and
 * the controller's annexes are turned into an `AgreementDocument` by `renderAgreementDocument`
 * (agreement-template.ts). Renderers never see placeholders: every text here is final.
 */

import type { Locale } from "./text.ts";

// Locale and LOCALES live in text.ts; they are named here too, where most of the code meets them.
export type { Locale } from "./text.ts";
export { LOCALES } from "./text.ts";

/** The clocks of a template version (DESIGN.md, clause table). Every one is a parameter. */
export interface AgreementClocks {
  /** art. 6.1: breach notice, hours after discovery. */
  breachNoticeHours: number;
  /** art. 5.2: objection to a sub-processor change, calendar days after announcement. */
  subprocessorObjectionDays: number;
  /** art. 2.2: information about measures, calendar days after the request. */
  measuresAnswerDays: number;
  /** art. 10.2: an audit takes place this many calendar days after written notice. */
  auditNoticeDays: number;
  /** art. 10.3: information for an audit, calendar days. */
  auditInformationDays: number;
  /** art. 9.2: notice of a legal disclosure duty, hours. */
  disclosureNoticeHours: number;
  /** art. 11.5: notice of default, hours. */
  defaultNoticeHours: number;
  /** art. 11.6: a claim lapses after this many months. */
  claimLapseMonths: number;
  /** art. 12.2: the deletion plan is carried out within this many calendar days after the agreement ended. */
  deletionPlanDays: number;
  /** art. 12.2: the customer's portal stays readable this many calendar days after the end (its evidence), then its users are closed. */
  portalReadableDays: number;
}

/** Legal parameters of a template version (art. 13). */
export interface AgreementLaw {
  /** e.g. "Nederlands recht" / "the laws of the Netherlands". Per locale, so kept as a map. */
  governingLaw: Record<Locale, string>;
}

export interface TemplateParameters {
  clocks: AgreementClocks;
  law: AgreementLaw;
}

export const DEFAULT_CLOCKS: AgreementClocks = {
  breachNoticeHours: 48,
  subprocessorObjectionDays: 14,
  measuresAnswerDays: 14,
  auditNoticeDays: 14,
  auditInformationDays: 14,
  disclosureNoticeHours: 24,
  defaultNoticeHours: 48,
  claimLapseMonths: 12,
  deletionPlanDays: 30,
  portalReadableDays: 90,
};

export const DEFAULT_PARAMETERS: TemplateParameters = {
  clocks: DEFAULT_CLOCKS,
  law: { governingLaw: { nl: "Nederlands recht", en: "the laws of the Netherlands" } },
};

/**
 * A template version's text for one locale, as stored (templates/<locale>/v1.json and the
 * `template_texts` table). Texts may hold Mustache placeholders, e.g.
 * `{{clocks.breachNoticeHours.n}}` (48) and `{{clocks.breachNoticeHours.words}}` (achtenveertig),
 * `{{processor.name}}`, `{{processor.kvk}}`, `{{processor.address}}`, `{{processor.city}}`,
 * `{{processor.court}}`, `{{law.governingLaw}}`.
 */
export interface TemplateText {
  locale: Locale;
  title: string;
  /** Opening paragraph(s) before the recitals. */
  intro: string[];
  recitalsHeading: string;
  recitals: string[];
  articles: TemplateArticle[];
}

export interface TemplateArticle {
  number: string; // "1"
  title: string; // "Doeleinden van verwerking"
  clauses: { number: string; text: string }[]; // "1.1"
}

export interface PartyBlock {
  name: string;
  kvk: string | null;
  address: string | null;
  city: string | null;
  country: string | null;
}

/** Annex 1: derived from the services the controller takes (art. 1.1, 1.2). */
export interface Annex1 {
  version: number;
  services: { code: string; name: string }[];
  purposes: string[]; // 1B
  dataCategories: string[]; // 1C
  subjectCategories: string[]; // 1D
  /**
   * 1E: the sub-processors the services use (art. 5), with their countries (art. 3.1). Absent in
   * documents made before Annex 1 listed them: those render without 1E, byte for byte as before.
   */
  subprocessors?: Annex1Subprocessor[];
}

export interface Annex1Subprocessor {
  name: string;
  activity: string;
  countries: Annex1Country[];
}

/** A country where a sub-processor processes personal data, by name in the document's language. */
export interface Annex1Country {
  name: string;
  cities: string[];
  /** Outside the EEA: the ground of the transfer (mechanism or adequacy decision); null inside. */
  transfer: string | null;
}

/** Annex 2: the technical and organisational measures (art. 7.1). */
export interface Annex2 {
  measures: { category: string; title: string; description: string }[];
}

export interface SignatureBlock {
  party: "controller" | "processor";
  /** Who signed: the typed name. For a policy countersignature, the policy's description. */
  name: string;
  function: string;
  organisation: string;
  /** ISO instant, UTC. Renderers show it in the processor's time zone with its offset. */
  signedAt: string;
  /** "user": a person signed in the portal/back-office. "policy": auto-countersigned. */
  method: "user" | "policy";
  ip: string | null;
}

/** Fixed words of the document around the template text, per locale. */
export interface DocumentLabels {
  parties: string; // "Partijen"
  processorRole: string; // "Verwerker"
  controllerRole: string; // "Verwerkingsverantwoordelijke"
  kvk: string; // "KvK-nummer"
  annex1Title: string;
  annex1A: string;
  annex1B: string;
  annex1C: string;
  annex1D: string;
  // 1E. Documents stored before 1E existed lack these four; renderers read them only for an Annex 1
  // that has `subprocessors`, which those documents never have.
  annex1E: string;
  annex1ENone: string;
  annex1ECountries: string;
  annex1ETransfer: string;
  annex2Title: string;
  signaturesTitle: string;
  signedBy: string;
  function: string;
  signedAt: string;
  signedByPolicy: string;
  notYetSigned: string;
  documentHash: string;
  documentHashExplanation: string;
  version: string;
  page: string;
  of: string;
}

export interface AgreementDocument {
  locale: Locale;
  title: string;
  templateVersion: number;
  /** Time zone in which instants are shown (the processor's setting), e.g. "Europe/Amsterdam". */
  timeZone: string;
  processor: PartyBlock;
  controller: PartyBlock;
  intro: string[];
  recitalsHeading: string;
  recitals: string[];
  articles: TemplateArticle[];
  annex1: Annex1;
  annex2: Annex2;
  labels: DocumentLabels;
}

/**
 * The signed form: the document that was signed, identified by its SHA-256, followed by a
 * signature page. The hash is of the PDF of `document` alone (what the controller saw and signed).
 */
export interface SignedAgreementDocument {
  document: AgreementDocument;
  documentSha256: string;
  signatures: SignatureBlock[];
}
