import { api, unwrap } from "./client";
import { ApiError } from "./errors";
import type { Agreement, AgreementDocument } from "./types";
import { useApi } from "./useApi";

export interface AgreementView {
  agreement: Agreement;
  document: AgreementDocument | null;
  documentError: ApiError | null;
}

/** An agreement and its document; the agreement is shown even when its document cannot be rendered. */
export function useAgreementView(id: string) {
  return useApi<AgreementView>(async () => {
    const path = { params: { path: { id } } };
    const agreement = await unwrap(api.GET("/api/v1/agreements/{id}", path));
    try {
      return { agreement, document: await unwrap(api.GET("/api/v1/agreements/{id}/document", path)), documentError: null };
    } catch (cause) {
      return { agreement, document: null, documentError: cause instanceof ApiError ? cause : new ApiError(0, "client", String(cause)) };
    }
  }, [id]);
}
