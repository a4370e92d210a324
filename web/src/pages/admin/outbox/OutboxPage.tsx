import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useCursorPages } from "../../../api/pages";
import { useApi } from "../../../api/useApi";
import type { DeliveryChannel, DeliveryStatus } from "../../../api/types";
import { Notice } from "../../../components/ErrorAlert";
import { PageHeader } from "../../../components/PageHeader";
import { PagedList } from "../../../components/PagedList";
import { DeliveryStatusBadge } from "../../../components/StatusBadge";
import { NoticeKindLabel } from "../../../components/notices/NoticeKindLabel";
import { RecipientRole } from "../../../components/notices/RecipientRole";
import { formatInstant } from "../../../lib/format";

const PAGE = 50;
const STATUSES: readonly DeliveryStatus[] = ["held", "pending", "sent", "failed"];
const CHANNELS: readonly DeliveryChannel[] = ["email", "webhook"];
const asStatus = (v: string | null) => STATUSES.find((s) => s === v);
const asChannel = (v: string | null) => CHANNELS.find((c) => c === v);

/**
 * Every email and webhook, newest first. In embedded mode without SMTP, emails are "held": this is
 * where the privacy officer reads what would have been sent.
 */
export function OutboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = asStatus(params.get("status"));
  const channel = asChannel(params.get("channel"));
  const q = params.get("q") ?? "";
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  const pages = useCursorPages(JSON.stringify([status, channel, q]));
  const state = useApi(
    () =>
      unwrap(
        api.GET("/api/v1/outbox", {
          params: {
            query: {
              limit: PAGE,
              ...(pages.after ? { after: pages.after } : {}),
              ...(status ? { status } : {}),
              ...(channel ? { channel } : {}),
              ...(q ? { q } : {}),
            },
          },
        }),
      ),
    [status, channel, q, pages.after],
  );
  const held = useApi(() => unwrap(api.GET("/api/v1/outbox", { params: { query: { status: "held", channel: "email", limit: 1 } } })), []);

  function update(next: { status?: DeliveryStatus | undefined; channel?: DeliveryChannel | undefined; q?: string }) {
    const merged = { status, channel, q, ...next };
    const out = new URLSearchParams();
    if (merged.status) {
      out.set("status", merged.status);
    }
    if (merged.channel) {
      out.set("channel", merged.channel);
    }
    if (merged.q) {
      out.set("q", merged.q);
    }
    setParams(out);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    update({ q: search.trim() });
  }

  const heldCount = held.data?.total ?? 0;
  return (
    <>
      <PageHeader title={t("outbox.title")} subtitle={t("outbox.intro")} />
      {heldCount > 0 && status !== "held" ? (
        <Notice tone="warning" testId="outbox-held-banner">
          <p>
            {held.data?.totalExact === false ? t("outbox.heldBannerMore", { count: heldCount }) : t("outbox.heldBanner", { count: heldCount })}{" "}
            <button type="button" className="btn btn-link" onClick={() => update({ status: "held", channel: "email" })} data-testid="outbox-show-held">
              {t("outbox.showHeld")}
            </button>
          </p>
        </Notice>
      ) : null}
      <form noValidate className="filters" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="outbox-search">{t("outbox.search")}</label>
          <input id="outbox-search" type="search" value={search} maxLength={200} onChange={(e) => setSearch(e.target.value)} data-testid="outbox-search" />
        </div>
        <div className="field">
          <label htmlFor="outbox-status">{t("outbox.status")}</label>
          <select id="outbox-status" value={status ?? ""} onChange={(e) => update({ status: asStatus(e.target.value) })} data-testid="outbox-status-filter">
            <option value="">{t("outbox.allStatuses")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`deliveries.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="outbox-channel">{t("outbox.channel")}</label>
          <select
            id="outbox-channel"
            value={channel ?? ""}
            onChange={(e) => update({ channel: asChannel(e.target.value) })}
            data-testid="outbox-channel-filter"
          >
            <option value="">{t("outbox.allChannels")}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`deliveries.channels.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          {t("common.search")}
        </button>
      </form>
      <section className="card">
        <PagedList state={state} pages={pages} limit={PAGE} empty={t("outbox.none")} emptyTestId="outbox-empty">
          {(items) => (
            <div className="table-wrap">
              <table className="table" data-testid="outbox-table">
                <thead>
                  <tr>
                    <th scope="col">{t("deliveries.createdAt")}</th>
                    <th scope="col">{t("deliveries.subject")}</th>
                    <th scope="col">{t("deliveries.recipient")}</th>
                    <th scope="col">{t("outbox.customer")}</th>
                    <th scope="col">{t("deliveries.channel")}</th>
                    <th scope="col">{t("deliveries.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((d) => (
                    <tr key={d.id} data-testid="outbox-row" data-status={d.status} data-channel={d.channel}>
                      <td className="nowrap">{formatInstant(d.createdAt)}</td>
                      <td>
                        <Link to={`/admin/outbox/${d.id}`} data-testid="outbox-open">
                          {d.channel === "email" && d.subject ? d.subject : <NoticeKindLabel label={d.kindLabel} />}
                        </Link>
                        {d.channel === "email" && d.subject ? (
                          <div className="muted small">
                            <NoticeKindLabel label={d.kindLabel} />
                          </div>
                        ) : null}
                      </td>
                      <td>
                        {d.recipient}
                        <div className="muted small">
                          <RecipientRole role={d.recipientRole} />
                        </div>
                      </td>
                      <td>{d.controllerId ? <Link to={`/admin/customers/${d.controllerId}`}>{d.customerName ?? "—"}</Link> : "—"}</td>
                      <td>{t(`deliveries.channels.${d.channel}`)}</td>
                      <td>
                        <DeliveryStatusBadge status={d.status} />
                        {d.attempts > 1 ? (
                          <div className="muted small">
                            {t("deliveries.attempts")}: {d.attempts}
                          </div>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </PagedList>
      </section>
    </>
  );
}
