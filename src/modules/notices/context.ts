import type { Db } from "../../db/engine.ts";
import { findProcessorContact } from "./queue-queries.ts";

/** Where users reach Art28 (links in emails and feeds). */
export function publicUrl(): string {
  return (process.env.ART28_PUBLIC_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

/** The link to a notice: the portal for a customer's notice, the back-office for a staff notice. */
export function noticeLink(base: string, notice: { id: string; staffRoles: unknown }): string {
  if (Array.isArray(notice.staffRoles) && notice.staffRoles.length === 0) {
    return `${base}/`; // a notice to one user (queueUserNotice) sits in no inbox: the link opens Art28
  }
  return notice.staffRoles ? `${base}/admin/notices/${notice.id}` : `${base}/portal/notices/${notice.id}`;
}

export interface ProcessorContext {
  processorName: string;
  processorEmail: string | null;
  zone: string;
}

export async function loadProcessorContext(db: Db): Promise<ProcessorContext> {
  const row = await findProcessorContact(db);
  return { processorName: row?.name ?? "Art28", processorEmail: row?.email ?? null, zone: row?.zone ?? "Europe/Amsterdam" };
}
