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

/**
 * Kept per database handle for a few seconds: nearly every request and every e-mail reads it, and
 * it changes when an admin edits the processor's details. `processorContextChanged` forgets it in
 * the process that made the change; another process sees it within `CONTEXT_KEPT_MS`. A handle
 * that is a transaction is its own key, so a transaction reads its own change.
 */
const CONTEXT_KEPT_MS = 5_000;
let kept = new WeakMap<object, { until: number; context: Promise<ProcessorContext> }>();

export async function loadProcessorContext(db: Db): Promise<ProcessorContext> {
  const now = performance.now();
  const held = kept.get(db);
  if (held && held.until > now) {
    return held.context;
  }
  const context = findProcessorContact(db).then((row) => {
    if (!row) {
      kept.delete(db); // not installed yet: the defaults are not kept
    }
    return { processorName: row?.name ?? "Art28", processorEmail: row?.email ?? null, zone: row?.zone ?? "Europe/Amsterdam" };
  });
  kept.set(db, { until: now + CONTEXT_KEPT_MS, context });
  context.catch(() => kept.delete(db));
  return context;
}

/** The processor's details changed: the next read in this process reads them again. */
export function processorContextChanged(): void {
  kept = new WeakMap();
}
