import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { Notice } from "../../../components/ErrorAlert";
import { Loaded } from "../../../components/Loaded";
import { ConsultationThread } from "../../../components/subprocessors/ConsultationThread";
import { ObjectionStatusBadge } from "../../../components/subprocessors/badges";
import { formatInstant } from "../../../lib/format";
import { canCustomerAct, useMe } from "../../../session";

/** The customer's own objection: its reason, status, the outcome once closed, and the consultation. */
export function YourObjection({ objectionId }: { objectionId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const state = useApi(() => unwrap(api.GET("/api/v1/objections/{id}", { params: { path: { id: objectionId } } })), [objectionId]);
  return (
    <Loaded state={state}>
      {(objection) => (
        <section className="card" aria-labelledby="your-objection-heading" data-testid="your-objection" data-status={objection.status}>
          <h2 id="your-objection-heading">
            {t("objections.yours")} <ObjectionStatusBadge status={objection.status} testId="objection-status" />
          </h2>
          <p className="muted small">
            {t("objections.submittedAt")} {formatInstant(objection.submittedAt)}
          </p>
          <p className="quote" data-testid="objection-reason">
            {objection.reason}
          </p>
          {objection.status !== "open" ? (
            <Notice tone="success" testId="objection-outcome">
              <p>
                <strong>
                  {t("objections.outcome")}: {t(`objections.outcomes.${objection.status}`)}
                </strong>{" "}
                · {formatInstant(objection.outcomeAt)}
              </p>
              {objection.outcomeNote ? <p data-testid="objection-outcome-note">{objection.outcomeNote}</p> : null}
            </Notice>
          ) : objection.messageCount === 0 ? (
            <Notice tone="info" testId="objection-submitted">
              {t("objections.submitted")}
            </Notice>
          ) : null}
          <h3>{t("thread.title")}</h3>
          <ConsultationThread objection={objection} canWrite={canCustomerAct(me)} />
        </section>
      )}
    </Loaded>
  );
}
