import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import type { NoticeDetail } from "../../../api/types";
import { Loaded } from "../../../components/Loaded";
import { MessageFrame } from "../../../components/MessageFrame";
import { PageHeader } from "../../../components/PageHeader";
import { DeliveriesTable } from "../../../components/notices/DeliveriesTable";
import { NoticeKindLabel } from "../../../components/notices/NoticeKindLabel";
import { areaBase, type Area } from "../../../lib/area";
import { formatInstant } from "../../../lib/format";
import { useRecountWhenLoaded } from "../../../lib/unread";
import { AcknowledgeBox } from "./AcknowledgeBox";
import { RelatedLink } from "./RelatedLink";

/**
 * One notice as it was sent (HTML in a sandboxed frame, the plain text beside it), how it was
 * delivered, and — in the portal, when asked — the acknowledgement. A customer's first opening is
 * recorded by the server as "read".
 */
export function NoticePage({ area }: { area: Area }) {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const state = useApi(() => unwrap(api.GET("/api/v1/notices/{id}", { params: { path: { id } } })), [id]);
  useRecountWhenLoaded(state.data);

  return (
    <Loaded state={state}>
      {(notice) => (
        <>
          <p className="breadcrumb">
            <Link to={`${areaBase(area)}/notices`}>{t("notices.back")}</Link>
          </p>
          <PageHeader
            title={notice.title}
            subtitle={
              <>
                <NoticeKindLabel label={notice.kindLabel} /> · {formatInstant(notice.createdAt)} ·{" "}
                <span data-testid="notice-reference">{t("notices.referenceIs", { reference: notice.reference })}</span>
              </>
            }
          />
          {area === "portal" && notice.requiresAck ? <AcknowledgeBox notice={notice} onAcknowledged={state.reload} /> : null}
          <RelatedLink area={area} notice={notice} />
          <div className="two-col">
            <section className="card" aria-labelledby="message-heading">
              <h2 id="message-heading">{t("notices.message")}</h2>
              <p>
                <strong>{t("deliveries.subject")}:</strong> <span data-testid="notice-subject">{notice.subject}</span>
              </p>
              <MessageFrame html={notice.html} title={t("notices.frameTitle", { subject: notice.subject })} />
              <details>
                <summary>{t("notices.asText")}</summary>
                <pre className="message-text" data-testid="notice-text">
                  {notice.text}
                </pre>
              </details>
            </section>
            <section className="card" aria-labelledby="facts-heading">
              <h2 id="facts-heading">{t("notices.facts")}</h2>
              <NoticeFacts notice={notice} area={area} />
            </section>
          </div>
          <section className="card" aria-labelledby="deliveries-heading">
            <h2 id="deliveries-heading">{area === "portal" ? t("notices.deliveries") : t("notices.staffDeliveries")}</h2>
            {notice.deliveries.length === 0 ? (
              <p className="muted">{t("notices.noDeliveries")}</p>
            ) : (
              <DeliveriesTable deliveries={notice.deliveries} {...(area === "admin" ? { linkTo: (d) => `/admin/outbox/${d.id}` } : {})} />
            )}
          </section>
        </>
      )}
    </Loaded>
  );
}

/** Kinds that only ever go to the processor's staff. */
const STAFF_KINDS = new Set(["objection_received", "obligation_reminder", "obligation_escalated"]);
/** A notice to a customer (whose opening is recorded as read), not one to the processor's staff. */
const toCustomer = (notice: NoticeDetail) =>
  notice.controllerId !== null && !STAFF_KINDS.has(notice.kind) && !notice.deliveries.some((d) => d.recipientRole === "staff");

function NoticeFacts({ notice, area }: { notice: NoticeDetail; area: Area }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <div>
        <dt>{t("notices.received")}</dt>
        <dd>{formatInstant(notice.createdAt)}</dd>
      </div>
      {area === "portal" || toCustomer(notice) ? (
        <div>
          <dt>{area === "portal" ? t("notices.openedAt") : t("notices.openedByCustomerAt")}</dt>
          <dd data-testid="notice-opened-at">{notice.openedAt ? formatInstant(notice.openedAt) : t("notices.notRead")}</dd>
        </div>
      ) : null}
      {notice.requiresAck ? (
        <div>
          <dt>{t("notices.acknowledgedAt")}</dt>
          <dd data-testid="notice-acknowledged-at">{formatInstant(notice.acknowledgedAt)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
