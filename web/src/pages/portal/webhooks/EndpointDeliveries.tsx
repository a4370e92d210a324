import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useCursorPages } from "../../../api/pages";
import { useApi } from "../../../api/useApi";
import { Loaded } from "../../../components/Loaded";
import { PagedList } from "../../../components/PagedList";
import { DeliveryStatusBadge } from "../../../components/StatusBadge";
import { DeliveryDetailView } from "../../../components/notices/DeliveryDetailView";
import { NoticeKindLabel } from "../../../components/notices/NoticeKindLabel";
import { formatInstant } from "../../../lib/format";

const PAGE = 50;

/** One endpoint's delivery log, newest first, a page at a time; a row opens its attempts (HTTP status, response, duration). */
export function EndpointDeliveries({ endpointId, canReplay }: { endpointId: string; canReplay: boolean }) {
  const { t } = useTranslation();
  const pages = useCursorPages(endpointId);
  const state = useApi(
    () =>
      unwrap(
        api.GET("/api/v1/webhook-endpoints/{id}/deliveries", {
          params: { path: { id: endpointId }, query: { limit: PAGE, ...(pages.after ? { after: pages.after } : {}) } },
        }),
      ),
    [endpointId, pages.after],
  );
  const [open, setOpen] = useState<string | null>(null);
  return (
    <PagedList state={state} pages={pages} limit={PAGE} empty={t("webhooks.noDeliveries")}>
      {(items) => (
        <table className="table table-compact" data-testid="webhook-deliveries">
          <thead>
            <tr>
              <th scope="col">{t("webhooks.kind")}</th>
              <th scope="col">{t("deliveries.createdAt")}</th>
              <th scope="col">{t("deliveries.status")}</th>
              <th scope="col" className="num">
                {t("deliveries.attempts")}
              </th>
              <th scope="col">
                <span className="sr-only">{t("common.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <Fragment key={d.id}>
                <tr data-testid="webhook-delivery-row">
                  <td>
                    <NoticeKindLabel label={d.kindLabel} />
                  </td>
                  <td className="nowrap">{formatInstant(d.createdAt)}</td>
                  <td>
                    <DeliveryStatusBadge status={d.status} />
                  </td>
                  <td className="num">{d.attempts}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-expanded={open === d.id}
                      data-testid="webhook-delivery-open"
                      onClick={() => setOpen(open === d.id ? null : d.id)}
                    >
                      {open === d.id ? t("deliveries.hide") : t("deliveries.detail")}
                    </button>
                  </td>
                </tr>
                {open === d.id ? (
                  <tr className="inline-detail">
                    <td colSpan={5}>
                      <DeliveryDetailLoader id={d.id} canReplay={canReplay} onReplayed={state.reload} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </PagedList>
  );
}

function DeliveryDetailLoader({ id, canReplay, onReplayed }: { id: string; canReplay: boolean; onReplayed: () => void }) {
  const state = useApi(() => unwrap(api.GET("/api/v1/deliveries/{id}", { params: { path: { id } } })), [id]);
  return <Loaded state={state}>{(delivery) => <DeliveryDetailView delivery={delivery} canReplay={canReplay} onReplayed={onReplayed} compact />}</Loaded>;
}
