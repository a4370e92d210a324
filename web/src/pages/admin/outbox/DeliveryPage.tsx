import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { DeliveryDetailView } from "../../../components/notices/DeliveryDetailView";
import { canStaffWrite, useMe } from "../../../session";

/** One delivery from the outbox: the message as sent (or held) and its attempts; staff who write may replay it. */
export function DeliveryPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { id = "" } = useParams();
  const state = useApi(() => unwrap(api.GET("/api/v1/deliveries/{id}", { params: { path: { id } } })), [id]);
  return (
    <Loaded state={state}>
      {(delivery) => (
        <>
          <p className="breadcrumb">
            <Link to="/admin/outbox">{t("outbox.back")}</Link>
          </p>
          <PageHeader
            title={delivery.subject ?? t("outbox.deliveryTitle", { recipient: delivery.recipient })}
            subtitle={t("outbox.deliveryTitle", { recipient: delivery.recipient })}
            actions={
              <Link className="btn" to={`/admin/notices/${delivery.noticeId}`}>
                {t("deliveries.openNotice")}
              </Link>
            }
          />
          <section className="card">
            <DeliveryDetailView delivery={delivery} canReplay={canStaffWrite(me)} onReplayed={(newId) => navigate(`/admin/outbox/${newId}`)} />
          </section>
        </>
      )}
    </Loaded>
  );
}
