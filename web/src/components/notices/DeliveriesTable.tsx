import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DeliverySummary } from "../../api/types";
import { formatInstant } from "../../lib/format";
import { DeliveryStatusBadge } from "../StatusBadge";
import { RecipientRole } from "./RecipientRole";

/** How a notice went out: per channel and recipient its status and tries. */
export function DeliveriesTable({ deliveries, linkTo }: { deliveries: readonly DeliverySummary[]; linkTo?: (d: DeliverySummary) => string }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table table-compact" data-testid="notice-deliveries">
        <thead>
          <tr>
            <th scope="col">{t("deliveries.channel")}</th>
            <th scope="col">{t("deliveries.recipient")}</th>
            <th scope="col">{t("deliveries.status")}</th>
            <th scope="col">{t("deliveries.sentAt")}</th>
            <th scope="col" className="num">
              {t("deliveries.attempts")}
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id} data-testid="delivery-row" data-channel={d.channel} data-status={d.status}>
              <td>{t(`deliveries.channels.${d.channel}`)}</td>
              <td>
                {linkTo ? <Link to={linkTo(d)}>{d.recipient}</Link> : d.recipient}
                <div className="muted small">
                  <RecipientRole role={d.recipientRole} />
                </div>
              </td>
              <td>
                <DeliveryStatusBadge status={d.status} />
                {d.status === "held" ? (
                  <div className="muted small" data-testid="delivery-held-note">
                    {t("deliveries.heldShort")}
                  </div>
                ) : null}
                {d.lastError && d.status !== "sent" && d.status !== "held" ? <div className="muted small">{d.lastError}</div> : null}
              </td>
              <td className="nowrap">{d.status === "held" ? <span className="muted">{t("deliveries.notSent")}</span> : formatInstant(d.sentAt)}</td>
              <td className="num">{d.attempts}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
