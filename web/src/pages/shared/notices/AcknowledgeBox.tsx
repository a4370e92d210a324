import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import type { NoticeDetail } from "../../../api/types";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { formatInstant } from "../../../lib/format";
import { canCustomerAct, useMe } from "../../../session";

/** The customer confirms it received a notice (evidence); once done, when. */
export function AcknowledgeBox({ notice, onAcknowledged }: { notice: NoticeDetail; onAcknowledged: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const acknowledge = useAction(() => unwrap(api.POST("/api/v1/notices/{id}/acknowledge", { params: { path: { id: notice.id } } })));
  if (notice.acknowledgedAt) {
    return (
      <Notice tone="success" testId="notice-acknowledged">
        {t("notices.acknowledgedNotice", { date: formatInstant(notice.acknowledgedAt) })}
      </Notice>
    );
  }
  if (!canCustomerAct(me)) {
    return <Notice tone="info">{t("notices.ackNotAllowed")}</Notice>;
  }
  return (
    <section className="card ack-box" aria-labelledby="ack-heading">
      <h2 id="ack-heading">{t("notices.ackNeeded")}</h2>
      <p className="hint">{t("notices.acknowledgeHint")}</p>
      <ErrorAlert error={acknowledge.error} />
      <button
        type="button"
        className="btn btn-primary"
        disabled={acknowledge.busy}
        data-testid="notice-acknowledge"
        onClick={() => {
          void acknowledge.execute().then((r) => {
            if (r.ok) {
              onAcknowledged();
            }
          });
        }}
      >
        {t("notices.acknowledge")}
      </button>
    </section>
  );
}
