import { createHash } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import type { CertificateContent, CertificateKind } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { formatDate, formatInstant } from "../../domain/legal-time.ts";
import type { Locale } from "../../domain/text.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { findProcessor } from "../processor/index.ts";
import { renderCertificatePdf } from "./documents/certificate-pdf.ts";
import { certificatesOf, customerOf, holdsOf, insertCertificate, linesOf, subjectOf, type CertificateRow, type EndingRow } from "./queries.ts";
import { endingWords } from "./words.ts";

/** What the certificate states now: every confirmed line, and every hold with its deletion if done. */
async function contentOf(tx: Db, ending: EndingRow): Promise<CertificateContent> {
  const customer = await customerOf(tx, ending.controllerId);
  const lines = await linesOf(tx, ending.id);
  const holds = await holdsOf(tx, ending.id);
  return {
    reference: endingWords.reference(ending.number),
    customerName: customer?.name ?? "",
    customerNumber: customer?.customerNumber ?? "",
    endedAt: ending.endedAt.toISOString(),
    lines: lines
      .filter((l) => l.deletedAt !== null)
      .map((l) => ({
        party: l.party,
        system: { nl: l.systemNl, en: l.systemEn },
        category: { nl: l.categoryNl, en: l.categoryEn },
        deletedAt: l.deletedAt?.toISOString() ?? "",
        method: l.method ?? "",
        confirmedByName: l.confirmedByName ?? "",
        attachmentSha256: l.attachmentSha256,
      })),
    holds: holds.map((h) => ({
      data: h.data,
      legalGround: h.legalGround,
      capacity: h.capacity,
      endsOn: h.endsOn,
      deletedAt: h.deletedAt?.toISOString() ?? null,
      method: h.method,
    })),
  };
}

/** The certificate as PDF in a language, from what it stated when issued. */
export async function certificatePdf(
  tx: Db,
  certificate: Pick<CertificateRow, "content" | "kind" | "number" | "issuedAt">,
  locale: Locale,
): Promise<Uint8Array> {
  const processor = await findProcessor(tx);
  const zone = processor.timeZone;
  const w = endingWords.certificate;
  const c = certificate.content;
  const when = (iso: string) => formatInstant(new Date(iso), zone, locale);
  const title = (certificate.kind === "supplementary" ? w.supplementary : w.title)[locale];
  return renderCertificatePdf({
    locale,
    title,
    author: processor.name,
    processor: processor.name,
    customer: `${w.customer[locale]}: ${c.customerName} (${w.customerNumber[locale]} ${c.customerNumber})`,
    reference: `${c.reference}-${certificate.number}`,
    ended: `${w.ended[locale]}: ${when(c.endedAt)}`,
    issued: `${w.issued[locale]}: ${formatInstant(certificate.issuedAt, zone, locale)}`,
    intro: `${w.intro[locale]}${certificate.kind === "supplementary" ? ` ${w.supplementaryIntro[locale]}` : ""}`,
    deletedHeading: w.deleted[locale],
    columns: [w.party[locale], w.system[locale], w.category[locale], w.when[locale], w.how[locale], w.confirmedBy[locale]],
    lines: c.lines.map((l) => ({
      party: endingWords.parties[l.party][locale],
      system: l.system[locale],
      category: l.category[locale],
      when: when(l.deletedAt),
      how: l.method,
      by: l.confirmedByName,
    })),
    proofs: c.lines.flatMap((l) =>
      l.attachmentSha256 ? [`${w.subprocessorProof[locale]} · ${l.system[locale]} · ${l.category[locale]}: ${l.attachmentSha256}`] : [],
    ),
    heldHeading: w.held[locale],
    heldNone: w.heldNone[locale],
    holdColumns: [w.what[locale], w.ground[locale], w.capacity[locale], w.until[locale], w.holdDeleted[locale]],
    holds: c.holds.map((h) => ({
      data: h.data,
      ground: h.legalGround,
      capacity: endingWords.capacities[h.capacity][locale],
      until: formatDate(new Date(`${h.endsOn}T12:00:00Z`), zone, locale),
      deleted: h.deletedAt ? `${when(h.deletedAt)} · ${h.method ?? ""}` : "—",
    })),
    note: w.note[locale],
    footer: `${processor.name} · ${title} ${c.reference}-${certificate.number}`,
    page: w.page[locale],
    of: w.of[locale],
  });
}

/**
 * The certificate as issued (art. 12.4): the PDF stored when it was issued, in its language, whose
 * SHA-256 the `ending.certificate_issued` event recorded. A certificate issued before PDFs were
 * stored has none and is rendered again from the content fixed then (Typst gives the same bytes for
 * the same data, so the hash still holds; the evidence bundle's verifier checks it).
 */
export async function issuedCertificatePdf(
  tx: Db,
  certificate: Pick<CertificateRow, "content" | "kind" | "number" | "issuedAt" | "locale" | "pdf">,
): Promise<Uint8Array> {
  return certificate.pdf ?? (await certificatePdf(tx, certificate, certificate.locale));
}

/**
 * Issues a deletion certificate: the final one when every line is confirmed, a supplementary one
 * when a hold's data were deleted. Its content is fixed now; the PDF in the customer's language is
 * rendered once and stored with it, and its SHA-256 goes into the evidence and the notice that
 * tells the customer it is ready: the download and the evidence bundle give those bytes.
 */
export async function issueCertificate(
  tx: Db,
  clock: Clock,
  actor: EventActor,
  ending: EndingRow,
  kind: CertificateKind,
  holdId: string | null,
): Promise<CertificateRow> {
  const content = await contentOf(tx, ending);
  const customer = await customerOf(tx, ending.controllerId);
  const locale = customer?.locale ?? "nl";
  const number = (await certificatesOf(tx, ending.id)).length + 1;
  const issuedAt = clock.now();
  const pdf = await certificatePdf(tx, { content, kind, number, issuedAt }, locale);
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  const saved = await insertCertificate(tx, {
    endingId: ending.id,
    controllerId: ending.controllerId,
    number,
    kind,
    holdId,
    content,
    locale,
    sha256,
    pdf,
    issuedAt,
  });
  await recordEvent(tx, clock, {
    type: "ending.certificate_issued",
    actor,
    controllerId: ending.controllerId,
    subject: subjectOf(ending.id),
    data: {
      certificateId: saved.id,
      reference: content.reference,
      number,
      kind,
      holdId,
      locale,
      sha256,
      lines: content.lines.length,
      holds: content.holds.length,
    },
  });
  await queueCustomerNotices(tx, clock, actor, [
    {
      controllerId: ending.controllerId,
      subject: subjectOf(ending.id),
      data: {
        kind: "deletion_certificate",
        endingId: ending.id,
        certificateId: saved.id,
        reference: content.reference,
        number,
        supplementary: kind === "supplementary",
        sha256,
        portalClosesAt: ending.portalClosesAt.toISOString(),
      },
    },
  ]);
  return saved;
}
