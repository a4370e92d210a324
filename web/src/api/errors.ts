/** A failed API call: the server's `{ error: { code, message, fields, requestId } }`, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: { field: string; message: string }[];
  readonly requestId: string | null;

  constructor(status: number, code: string, message: string, fields: { field: string; message: string }[] = [], requestId: string | null = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
  }

  /** 404, or a malformed id in the path (a URL typed by hand): either way there is no such record. */
  get isNotFound(): boolean {
    const badPathOnly = this.status === 400 && this.fields.length > 0 && this.fields.every((f) => f.field.startsWith("params."));
    return this.status === 404 || badPathOnly;
  }

  /** Field messages keyed without their location prefix: "body.typedName" → "typedName". */
  fieldMessages(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.fields) {
      const key = f.field.replace(/^(body|query|params|querystring)\./, "");
      out[key] ??= f.message;
    }
    return out;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Turns whatever came back into an ApiError, keeping the server's words when it sent the standard shape. */
export function toApiError(status: number, body: unknown): ApiError {
  const inner = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (inner && typeof inner.message === "string") {
    const fields = Array.isArray(inner.fields)
      ? inner.fields.filter(isRecord).map((f) => ({ field: String(f.field ?? ""), message: String(f.message ?? "") }))
      : [];
    return new ApiError(status, String(inner.code ?? "error"), inner.message, fields, typeof inner.requestId === "string" ? inner.requestId : null);
  }
  return new ApiError(status, "error", typeof body === "string" && body ? body : `HTTP ${status}`);
}
