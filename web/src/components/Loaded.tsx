import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApiState } from "../api/useApi";
import { ErrorAlert } from "./ErrorAlert";
import { NotFound } from "./NotFound";

/** Renders a page's data once loaded; a 404 from the API becomes the not-found page. */
export function Loaded<T>({ state, children }: { state: ApiState<T>; children: (data: T) => ReactNode }) {
  if (state.error) {
    return state.error.isNotFound ? <NotFound /> : <ErrorAlert error={state.error} />;
  }
  if (state.data === undefined) {
    return <Spinner />;
  }
  return <>{children(state.data)}</>;
}

export function Spinner() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t("common.loading")}
    </p>
  );
}
