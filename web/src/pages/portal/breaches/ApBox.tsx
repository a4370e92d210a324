import { useTranslation } from "react-i18next";
import { apDraftUrl } from "../../../api/client";
import type { CustomerBreach } from "../../../api/types";
import { DeadlineText } from "../../../components/breaches/badges";
import { formatInstantWithDay } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";

/** The AP's own online form for breach notifications; Art28 never submits anything there. */
export const AP_BREACH_FORM_URL = "https://datalekken.autoriteitpersoonsgegevens.nl";

/**
 * GDPR art. 33: the customer's own duty to notify the Autoriteit Persoonsgegevens within 72 hours of
 * becoming aware, which it did when our notice reached it; a draft prefilled from our notices.
 */
export function ApBox({ breach }: { breach: CustomerBreach }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <section className="card card-warning ap-box" aria-labelledby="ap-heading" data-testid="ap-box">
      <h2 id="ap-heading">{t("breaches.ap.title")}</h2>
      <p>{t("breaches.ap.intro")}</p>
      <dl className="facts">
        <div>
          <dt>{t("breaches.ap.awareAt")}</dt>
          <dd data-testid="ap-aware-at">{breach.awareAt ? formatInstantWithDay(breach.awareAt, lang) : t("breaches.ap.awareUnknown")}</dd>
        </div>
        <div>
          <dt>{t("breaches.ap.deadline")}</dt>
          <dd className="deadline-value">{breach.apDeadline ? <DeadlineText dueAt={breach.apDeadline} testId="ap-deadline" /> : "—"}</dd>
        </div>
      </dl>
      <p className="hint">{t("breaches.ap.decideHint")}</p>
      <div className="form-actions">
        <a className="btn btn-primary" href={apDraftUrl(breach.incidentId, "pdf", lang)} download data-testid="ap-draft-pdf">
          {t("breaches.ap.pdf")}
        </a>
        <a className="btn" href={apDraftUrl(breach.incidentId, "json", lang)} download data-testid="ap-draft-json">
          {t("breaches.ap.json")}
        </a>
        <a href={AP_BREACH_FORM_URL} target="_blank" rel="noreferrer" data-testid="ap-form-link">
          {t("breaches.ap.formLink")}
        </a>
      </div>
    </section>
  );
}
