import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useAction } from "../../api/useApi";
import type { DeliveryDetail } from "../../api/types";
import { formatInstant } from "../../lib/format";
import { ErrorAlert, Notice } from "../ErrorAlert";
import { DeliveryStatusBadge } from "../StatusBadge";
import { NoticeKindLabel } from "./NoticeKindLabel";
import { RecipientRole } from "./RecipientRole";

/** A webhook body is JSON: shown indented. An email body is its plain text, as sent. */
function readableBody(delivery: DeliveryDetail): string {
  const body = delivery.body ?? "";
  if (delivery.channel !== "webhook") {
    return body;
  }
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    // Not JSON after all: show it exactly as sent.
    return body;
  }
}

/**
 * One delivery: to whom, the message exactly as sent (or held), and every attempt with its answer.
 * With canReplay, a button queues the same message again.
 */
export function DeliveryDetailView({
  delivery,
  canReplay,
  onReplayed,
  compact = false,
}: {
  delivery: DeliveryDetail;
  canReplay: boolean;
  onReplayed?: (newDeliveryId: string) => void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const [replayed, setReplayed] = useState(false);
  const replay = useAction(() => unwrap(api.POST("/api/v1/deliveries/{id}/replay", { params: { path: { id: delivery.id } } })));
  const Heading = compact ? "h4" : "h2";
  return (
    <div className="delivery-detail" data-testid="delivery-detail" data-status={delivery.status}>
      {delivery.status === "held" ? (
        <Notice tone="warning" testId="delivery-held">
          {t("deliveries.heldHint")}
        </Notice>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t("deliveries.channel")}</dt>
          <dd>{t(`deliveries.channels.${delivery.channel}`)}</dd>
        </div>
        <div>
          <dt>{t("deliveries.recipient")}</dt>
          <dd>
            {delivery.recipient}{" "}
            <span className="muted small">
              (<RecipientRole role={delivery.recipientRole} />)
            </span>
          </dd>
        </div>
        <div>
          <dt>{t("deliveries.status")}</dt>
          <dd>
            <DeliveryStatusBadge status={delivery.status} testId="delivery-status" />
            {delivery.status === "pending" ? (
              <span className="muted small">
                {" "}
                {t("deliveries.nextAttemptAt")}: {formatInstant(delivery.nextAttemptAt)}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("outbox.kind")}</dt>
          <dd>
            <NoticeKindLabel label={delivery.kindLabel} />
          </dd>
        </div>
        <div>
          <dt>{t("deliveries.createdAt")}</dt>
          <dd>{formatInstant(delivery.createdAt)}</dd>
        </div>
        <div>
          <dt>{t("deliveries.sentAt")}</dt>
          <dd>{delivery.status === "held" ? t("deliveries.notSent") : formatInstant(delivery.sentAt)}</dd>
        </div>
        <div>
          <dt>{t("notices.reference")}</dt>
          <dd data-testid="delivery-notice-reference">{delivery.noticeReference}</dd>
        </div>
        <div>
          <dt>{t("deliveries.messageId")}</dt>
          <dd>
            <code>{delivery.messageId}</code>
          </dd>
        </div>
        {delivery.bodySha256 ? (
          <div>
            <dt>{t("deliveries.bodySha256")}</dt>
            <dd>
              <code className="hash">{delivery.bodySha256}</code>
            </dd>
          </div>
        ) : null}
        {delivery.lastError ? (
          <div>
            <dt>{t("deliveries.lastError")}</dt>
            <dd>{delivery.lastError}</dd>
          </div>
        ) : null}
      </dl>

      <Heading>{delivery.status === "held" ? t("deliveries.messageHeld") : t("deliveries.message")}</Heading>
      {delivery.body === null ? (
        <p className="muted">{t("deliveries.noBody")}</p>
      ) : (
        <>
          {delivery.subject ? (
            <p>
              <strong>{delivery.channel === "webhook" ? t("deliveries.eventType") : t("deliveries.subject")}:</strong>{" "}
              {delivery.channel === "webhook" ? (
                <code data-testid="delivery-subject">{delivery.subject}</code>
              ) : (
                <span data-testid="delivery-subject">{delivery.subject}</span>
              )}
            </p>
          ) : null}
          <pre className="message-text" data-testid="delivery-body">
            {readableBody(delivery)}
          </pre>
        </>
      )}

      <Heading>{t("deliveries.attemptLog")}</Heading>
      {delivery.attemptsLog.length === 0 ? (
        <p className="muted">{t("deliveries.noAttempts")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact" data-testid="delivery-attempts">
            <thead>
              <tr>
                <th scope="col">{t("deliveries.attempt")}</th>
                <th scope="col">{t("deliveries.at")}</th>
                <th scope="col">{t("deliveries.outcome")}</th>
                <th scope="col">{t("deliveries.httpStatus")}</th>
                <th scope="col">{t("deliveries.response")}</th>
                <th scope="col" className="num">
                  {t("deliveries.duration")}
                </th>
              </tr>
            </thead>
            <tbody>
              {delivery.attemptsLog.map((a) => (
                <tr key={`${a.attempt}-${a.at}`} data-testid="attempt-row">
                  <td>{a.attempt}</td>
                  <td className="nowrap">{formatInstant(a.at)}</td>
                  <td>
                    <code>{a.outcome}</code>
                  </td>
                  <td>{a.httpStatus ?? "—"}</td>
                  <td className="small">{a.response ? <code className="clamp">{a.response}</code> : "—"}</td>
                  <td className="num">{a.durationMs === null ? "—" : t("deliveries.durationMs", { ms: a.durationMs })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {/* A held email would only be held again, a pending one is still on its way: neither is replayed. */}
      {canReplay && (delivery.status === "sent" || delivery.status === "failed") ? (
        <div className="form-actions">
          <ErrorAlert error={replay.error} />
          {replayed ? (
            <Notice tone="success" testId="delivery-replayed">
              {t("deliveries.replayed")}
            </Notice>
          ) : null}
          <button
            type="button"
            className="btn"
            disabled={replay.busy}
            data-testid="delivery-replay"
            onClick={() => {
              if (window.confirm(t("deliveries.confirmReplay"))) {
                void replay.execute().then((r) => {
                  if (r.ok) {
                    setReplayed(true);
                    onReplayed?.(r.value.id);
                  }
                });
              }
            }}
          >
            {t("deliveries.replay")}
          </button>
          <span className="hint">{t("deliveries.replayHint")}</span>
        </div>
      ) : null}
    </div>
  );
}
