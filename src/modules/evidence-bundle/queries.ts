import { and, asc, eq, gt, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import {
  agreements,
  breachNotices,
  controllers,
  deletionCertificates,
  deliveries,
  deliveryAttempts,
  events,
  eventStreams,
  notices,
  signatures,
  subjectRequestFiles,
  templateVersions,
  threadAttachments,
  threadMessages,
} from "../../db/schema/index.ts";

// The evidence bundle's statements (bundle.ts): one customer's stream and what it received, in
// keyset pages, each read in its own short transaction under the reader's row-level security.

/** The customer, if the reader may see it (row-level security: another customer's is not found). */
export async function bundleController(tx: Db, controllerId: string) {
  const [row] = await tx.select({ id: controllers.id, name: controllers.name }).from(controllers).where(eq(controllers.id, controllerId));
  return row ?? null;
}

export async function streamHead(tx: Db, stream: string) {
  const [row] = await tx.select().from(eventStreams).where(eq(eventStreams.stream, stream));
  return row ?? null;
}

/** A page of one stream's events, by their position in the stream, up to `upTo`. */
export async function streamEventsAfter(tx: Db, stream: string, afterStreamSeq: number, limit: number) {
  return tx
    .select()
    .from(events)
    .where(and(eq(events.stream, stream), gt(events.streamSeq, afterStreamSeq)))
    .orderBy(asc(events.streamSeq))
    .limit(limit);
}

/** A page of the customer's signed agreements, with the PDF as signed. */
export async function signedAgreementsAfter(tx: Db, controllerId: string, afterId: string, limit: number) {
  return tx
    .select({
      id: agreements.id,
      templateVersion: templateVersions.version,
      locale: agreements.locale,
      status: agreements.status,
      documentSha256: agreements.documentSha256,
      documentPdf: agreements.documentPdf,
      documentJson: agreements.documentJson,
      offeredAt: agreements.offeredAt,
      customerSignedAt: agreements.customerSignedAt,
      processorSignedAt: agreements.processorSignedAt,
      effectiveAt: agreements.effectiveAt,
      supersededAt: agreements.supersededAt,
    })
    .from(agreements)
    .innerJoin(templateVersions, eq(templateVersions.id, agreements.templateVersionId))
    .where(and(eq(agreements.controllerId, controllerId), isNotNull(agreements.documentPdf), gt(agreements.id, afterId)))
    .orderBy(asc(agreements.id))
    .limit(limit);
}

export async function signaturesOf(tx: Db, agreementIds: string[]) {
  if (agreementIds.length === 0) {
    return [];
  }
  return tx
    .select({
      agreementId: signatures.agreementId,
      party: signatures.party,
      method: signatures.method,
      typedName: signatures.typedName,
      function: signatures.function,
      consentText: signatures.consentText,
      documentSha256: signatures.documentSha256,
      signedAt: signatures.signedAt,
      ip: signatures.ip,
      ipSource: signatures.ipSource,
      userAgent: signatures.userAgent,
    })
    .from(signatures)
    .where(inArray(signatures.agreementId, agreementIds))
    .orderBy(asc(signatures.signedAt));
}

/** A page of the notices to the customer (not those to its staff about it), in the order written. */
export async function customerNoticesAfter(tx: Db, controllerId: string, afterNumber: number, limit: number) {
  return tx
    .select({
      id: notices.id,
      number: notices.number,
      kind: notices.kind,
      data: notices.data,
      subjectType: notices.subjectType,
      subjectId: notices.subjectId,
      createdAt: notices.createdAt,
      openedAt: notices.openedAt,
      acknowledgedAt: notices.acknowledgedAt,
    })
    .from(notices)
    .where(and(eq(notices.controllerId, controllerId), isNull(notices.staffRoles), gt(notices.number, afterNumber)))
    .orderBy(asc(notices.number))
    .limit(limit);
}

/** The deliveries of these notices to the customer (not to staff). */
export async function customerDeliveriesOf(tx: Db, noticeIds: string[]) {
  if (noticeIds.length === 0) {
    return [];
  }
  return tx
    .select({
      id: deliveries.id,
      noticeId: deliveries.noticeId,
      channel: deliveries.channel,
      recipient: deliveries.recipient,
      recipientName: deliveries.recipientName,
      recipientRole: deliveries.recipientRole,
      locale: deliveries.locale,
      status: deliveries.status,
      messageId: deliveries.messageId,
      subject: deliveries.subject,
      body: deliveries.body,
      bodySha256: deliveries.bodySha256,
      sentAt: deliveries.sentAt,
      bouncedAt: deliveries.bouncedAt,
      failedAt: deliveries.failedAt,
      createdAt: deliveries.createdAt,
    })
    .from(deliveries)
    .where(inArray(deliveries.noticeId, noticeIds))
    .orderBy(asc(deliveries.createdAt), asc(deliveries.id));
}

export async function attemptsOf(tx: Db, deliveryIds: string[]) {
  if (deliveryIds.length === 0) {
    return [];
  }
  return tx
    .select({
      deliveryId: deliveryAttempts.deliveryId,
      attempt: deliveryAttempts.attempt,
      at: deliveryAttempts.at,
      outcome: deliveryAttempts.outcome,
      response: deliveryAttempts.response,
      httpStatus: deliveryAttempts.httpStatus,
      durationMs: deliveryAttempts.durationMs,
      message: deliveryAttempts.message,
      requestHeaders: deliveryAttempts.requestHeaders,
    })
    .from(deliveryAttempts)
    .where(inArray(deliveryAttempts.deliveryId, deliveryIds))
    .orderBy(asc(deliveryAttempts.deliveryId), asc(deliveryAttempts.attempt));
}

/** A page of the breach notices the customer received: the facts exactly as sent. */
export async function breachNoticesAfter(tx: Db, controllerId: string, afterId: string, limit: number) {
  return tx
    .select()
    .from(breachNotices)
    .where(and(eq(breachNotices.controllerId, controllerId), gt(breachNotices.id, afterId)))
    .orderBy(asc(breachNotices.id))
    .limit(limit);
}

/** A page of the files exchanged in the customer's cases and consultations, with their message. */
export async function threadAttachmentsAfter(tx: Db, controllerId: string, afterId: string, limit: number) {
  return tx
    .select({
      id: threadAttachments.id,
      fileName: threadAttachments.fileName,
      mediaType: threadAttachments.mediaType,
      sha256: threadAttachments.sha256,
      bytes: threadAttachments.bytes,
      createdAt: threadAttachments.createdAt,
      subjectType: threadMessages.subjectType,
      subjectId: threadMessages.subjectId,
      from: threadMessages.from,
      authorName: threadMessages.authorName,
    })
    .from(threadAttachments)
    .innerJoin(threadMessages, eq(threadMessages.id, threadAttachments.messageId))
    .where(and(eq(threadAttachments.controllerId, controllerId), gt(threadAttachments.id, afterId)))
    .orderBy(asc(threadAttachments.id))
    .limit(limit);
}

/** A page of the files of data subjects' requests forwarded to the customer, as received. */
export async function subjectRequestFilesAfter(tx: Db, controllerId: string, afterId: string, limit: number) {
  return tx
    .select({
      id: subjectRequestFiles.id,
      requestId: subjectRequestFiles.requestId,
      fileName: subjectRequestFiles.fileName,
      mediaType: subjectRequestFiles.mediaType,
      sha256: subjectRequestFiles.sha256,
      bytes: subjectRequestFiles.bytes,
      createdAt: subjectRequestFiles.createdAt,
    })
    .from(subjectRequestFiles)
    .where(and(eq(subjectRequestFiles.controllerId, controllerId), gt(subjectRequestFiles.id, afterId)))
    .orderBy(asc(subjectRequestFiles.id))
    .limit(limit);
}

/** A page of the customer's deletion certificates (art. 12.4): what each stated when issued, the SHA-256 its event recorded, and its PDF as stored then. */
export async function deletionCertificatesAfter(tx: Db, controllerId: string, afterId: string, limit: number) {
  return tx
    .select({
      id: deletionCertificates.id,
      endingId: deletionCertificates.endingId,
      number: deletionCertificates.number,
      kind: deletionCertificates.kind,
      holdId: deletionCertificates.holdId,
      content: deletionCertificates.content,
      locale: deletionCertificates.locale,
      sha256: deletionCertificates.sha256,
      issuedAt: deletionCertificates.issuedAt,
      pdf: deletionCertificates.pdf,
    })
    .from(deletionCertificates)
    .where(and(eq(deletionCertificates.controllerId, controllerId), gt(deletionCertificates.id, afterId)))
    .orderBy(asc(deletionCertificates.id))
    .limit(limit);
}
