import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, breachNoticePdfUrl, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import type { CustomerBreach, CustomerNotice } from "../../../api/types";
import { StageLabel } from "../../../components/breaches/badges";
import { FactsList } from "../../../components/breaches/FactsList";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { Badge } from "../../../components/StatusBadge";
import { formatInstant } from "../../../lib/format";
import { useRecountWhenLoaded } from "../../../lib/unread";
import { canCustomerAct, useMe } from "../../../session";
import { ApBox } from "./ApBox";

/**
 * A breach as this customer was told (art. 6.2): its own 72-hour duty to the Autoriteit
 * Persoonsgegevens first, then every notice, newest first, each with all its facts, what changed
 * since the one before, an acknowledgement and a PDF. Reading the page records each notice as read.
 */
export function PortalBreachPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const state = useApi(() => unwrap(api.GET("/api/v1/breaches/{id}", { params: { path: { id } } })), [id]);
  useRecountWhenLoaded(state.data);
  return (
    <Loaded state={state}>
      {(breach) => (
        <>
          <p className="breadcrumb">
            <Link to="/portal/breaches">{t("breaches.back")}</Link>
          </p>
          <PageHeader title={`${breach.reference} · ${breach.title}`} subtitle={t("breaches.pageIntro")} />
          <ApBox breach={breach} />
          <h2 className="section-title">{t("breaches.notices", { count: breach.notices.length })}</h2>
          {[...breach.notices].reverse().map((notice, i) => (
            <NoticeCard key={notice.id} breach={breach} notice={notice} latest={i === 0} onAcknowledged={state.reload} />
          ))}
        </>
      )}
    </Loaded>
  );
}

function NoticeCard({
  breach,
  notice,
  latest,
  onAcknowledged,
}: {
  breach: CustomerBreach;
  notice: CustomerNotice;
  latest: boolean;
  onAcknowledged: () => void;
}) {
  const { t } = useTranslation();
  const nature = [
    notice.nature.confidentiality && t("breaches.nature.confidentiality"),
    notice.nature.integrity && t("breaches.nature.integrity"),
    notice.nature.availability && t("breaches.nature.availability"),
  ].filter(Boolean);
  return (
    <article
      className={`card breach-notice${latest ? " breach-notice-latest" : ""}`}
      aria-labelledby={`notice-${notice.id}`}
      data-testid="breach-notice"
      data-sequence={notice.sequence}
      data-stage={notice.stage}
      data-acknowledged={notice.acknowledgedAt ? "true" : "false"}
    >
      <div className="section-head">
        <h3 id={`notice-${notice.id}`}>
          {t("breaches.noticeN", { n: notice.sequence })} · <StageLabel stage={notice.stage} />{" "}
          {latest && breach.notices.length > 1 ? <Badge tone="info">{t("breaches.latest")}</Badge> : null}
        </h3>
        <a className="btn btn-small" href={breachNoticePdfUrl(notice.id)} download data-testid="breach-notice-pdf">
          {t("breaches.pdf")}
        </a>
      </div>
      <dl className="inline-facts">
        <div>
          <dt>{t("breaches.sentAt")}</dt>
          <dd>{formatInstant(notice.sentAt)}</dd>
        </div>
        <div>
          <dt>{t("breaches.dueAt")}</dt>
          <dd>
            {formatInstant(notice.dueAt)}{" "}
            {notice.stage === "initial" ? (
              notice.inTime ? (
                <Badge tone="success">{t("breaches.inTime")}</Badge>
              ) : (
                <Badge tone="danger">{t("breaches.late")}</Badge>
              )
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("breaches.natureLabel")}</dt>
          <dd>{nature.length > 0 ? nature.join(", ") : "—"}</dd>
        </div>
        {notice.affectedCustomers !== null ? (
          <div>
            <dt>{t("breaches.affectedCustomers")}</dt>
            <dd>{notice.affectedCustomers}</dd>
          </div>
        ) : null}
      </dl>
      {notice.message ? (
        <div className="quote-box">
          <p className="small muted">{t("breaches.message")}</p>
          <p className="prewrap" data-testid="breach-message">
            {notice.message}
          </p>
        </div>
      ) : null}
      {notice.changed.length > 0 ? (
        <p data-testid="breach-changed">
          <strong>{t("breaches.changedSince")}</strong> {notice.changed.map((k) => t(`breaches.factsShort.${k}`)).join(", ")}
        </p>
      ) : null}
      <AckArea notice={notice} onAcknowledged={onAcknowledged} />
      {latest ? (
        <FactsList facts={notice.facts} changed={notice.changed} />
      ) : (
        <details>
          <summary>{t("breaches.showFacts")}</summary>
          <FactsList facts={notice.facts} changed={notice.changed} />
        </details>
      )}
    </article>
  );
}

/** Acknowledging a notice is evidence that it arrived; owners and privacy contacts may, viewers read. */
function AckArea({ notice, onAcknowledged }: { notice: CustomerNotice; onAcknowledged: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const acknowledge = useAction(() => unwrap(api.POST("/api/v1/notices/{id}/acknowledge", { params: { path: { id: notice.noticeId } } })));
  if (notice.acknowledgedAt) {
    return (
      <p data-testid="breach-acknowledged">
        <Badge tone="success">✓ {t("breaches.acknowledgedAt", { date: formatInstant(notice.acknowledgedAt) })}</Badge>
      </p>
    );
  }
  if (!canCustomerAct(me)) {
    return <Notice tone="info">{t("notices.ackNotAllowed")}</Notice>;
  }
  return (
    <div className="ack-inline">
      <ErrorAlert error={acknowledge.error} />
      <button
        type="button"
        className="btn btn-primary"
        disabled={acknowledge.busy}
        data-testid="breach-acknowledge"
        onClick={() => void acknowledge.execute().then((r) => r.ok && onAcknowledged())}
      >
        {t("breaches.acknowledge")}
      </button>{" "}
      <span className="hint">{t("breaches.acknowledgeHint")}</span>
    </div>
  );
}
