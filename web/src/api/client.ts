import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";
import { ApiError, toApiError } from "./errors";
import { currentLocale } from "../i18n";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
let csrfToken = "";
let onSessionLost: () => void = () => undefined;
let onConfidentialityRequired: () => void = () => undefined;

/** The CSRF token from /auth/me or /auth/login; every changing request carries it. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when a request answers 401 while we thought we were logged in (session expired). */
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

/**
 * Called when the server refuses customer data to staff who have not confirmed the current
 * confidentiality statement (403 confidentiality_required, art. 2.3, 9.1): the back-office shows the
 * statement to confirm.
 */
export function setConfidentialityRequiredHandler(handler: () => void): void {
  onConfidentialityRequired = handler;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (UNSAFE.has(request.method.toUpperCase()) && csrfToken) {
      request.headers.set("x-csrf-token", csrfToken);
    }
    return request;
  },
};

/** The server answers messages in the language the person chose in the UI. */
const language: Middleware = {
  onRequest({ request }) {
    request.headers.set("accept-language", currentLocale());
    return request;
  },
};

const sessionWatch: Middleware = {
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && !path.startsWith("/api/v1/auth/")) {
      onSessionLost();
    }
    if (response.status === 403) {
      void confidentialityCheck(response.clone());
    }
    return response;
  },
};

async function confidentialityCheck(response: Response): Promise<void> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown } };
    if (body.error?.code === "confidentiality_required") {
      onConfidentialityRequired();
    }
  } catch (cause) {
    // A 403 without the JSON error shape is no confidentiality refusal; the caller reports it.
    console.warn("403 body not readable", cause);
  }
}

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: "same-origin" });
api.use(csrf, language, sessionWatch);

type Result<D> = { data?: D; error?: unknown; response: Response };

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError with the server's message and fields. */
export async function unwrap<D>(call: Promise<Result<D>>): Promise<D> {
  let result: Result<D>;
  try {
    result = await call;
  } catch (cause) {
    throw new ApiError(0, "network", cause instanceof Error ? cause.message : String(cause));
  }
  if (!result.response.ok || result.error !== undefined) {
    throw toApiError(result.response.status, result.error);
  }
  return result.data as D;
}

/** Where the PDF of an agreement is downloaded (a plain link: the session cookie authenticates it). */
/** An agreement's PDF: by default the document to sign, or once signed the bytes signed; a variant only when asked. */
export const agreementPdfUrl = (id: string, variant?: "with-signatures" | "as-signed") =>
  `/api/v1/agreements/${encodeURIComponent(id)}/document.pdf${variant ? `?variant=${variant}` : ""}`;

/**
 * A multipart/form-data body for openapi-fetch: it sends a FormData as is (the browser sets the
 * boundary). The generated type describes the form's fields, which a FormData cannot express.
 */
export const multipart = <T>(form: FormData): T => form as unknown as T;

/** A sub-processor's contract on file (staff; customers of the services involved, art. 5.3). */
export const contractUrl = (subprocessorId: string) => `/api/v1/subprocessors/${encodeURIComponent(subprocessorId)}/contract`;
/** A consultation attachment, byte for byte. */
export const attachmentUrl = (id: string) => `/api/v1/attachments/${encodeURIComponent(id)}`;
export const auditFileUrl = (id: string) => `/api/v1/audit-files/${encodeURIComponent(id)}`;
export const subjectRequestFileUrl = (id: string) => `/api/v1/subject-request-files/${encodeURIComponent(id)}`;
/** The public Atom feed of sub-processor changes. */
export const trustFeedUrl = (lang: "nl" | "en") => `/api/v1/trust/changes.atom?lang=${lang}`;

/** The customer's access log as CSV (art. 9.1), for a period. */
export const accessLogCsvUrl = (query: { from?: string; to?: string }) => {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const text = params.toString();
  return `/api/v1/access-log/export${text ? `?${text}` : ""}`;
};

/** The incident register (art. 33(5) GDPR documentation) as a file. */
export const incidentExportUrl = (format: "csv" | "xlsx" | "pdf") => `/api/v1/incidents/export?format=${format}`;
/** One breach notice as sent, as PDF (its round id, not the inbox notice id). */
export const breachNoticePdfUrl = (id: string) => `/api/v1/breach-notices/${encodeURIComponent(id)}/pdf`;
/** The customer's prefilled draft of its own notification to the Autoriteit Persoonsgegevens. */
export const apDraftUrl = (incidentId: string, format: "pdf" | "json", lang: "nl" | "en") =>
  `/api/v1/breaches/${encodeURIComponent(incidentId)}/ap-draft?format=${format}&locale=${lang}`;
