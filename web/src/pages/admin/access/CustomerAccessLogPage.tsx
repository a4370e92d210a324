import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { AccessLogPage } from "../../portal/access/AccessLogPage";

/** art. 9.1, the oversight side (admin, privacy officer): one customer's access log, as the customer sees it. */
export function CustomerAccessLogPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  return (
    <AccessLogPage
      controllerId={id}
      back={
        <p className="breadcrumb">
          <Link to={`/admin/customers/${id}`}>{t("access.log.backToCustomer")}</Link>
        </p>
      }
    />
  );
}
