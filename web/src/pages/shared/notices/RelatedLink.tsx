import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { NoticeDetail } from "../../../api/types";
import { areaBase, type Area } from "../../../lib/area";

const text = (data: Record<string, unknown>, key: string): string | null => {
  const value = data[key];
  return typeof value === "string" && value !== "" ? value : null;
};

/** Where to act on a notice: the change it announces, the deadline it reminds of, the contact that fails. */
export function RelatedLink({ area, notice }: { area: Area; notice: NoticeDetail }) {
  const { t } = useTranslation();
  const base = areaBase(area);
  const changeId = text(notice.data, "changeId");
  const obligationId = text(notice.data, "obligationId");
  const incidentId = notice.kind === "breach_notice" ? text(notice.data, "incidentId") : null;
  const caseId = notice.kind.startsWith("case_") ? text(notice.data, "caseId") : null;
  const orderId = notice.kind === "disclosure_notice" ? text(notice.data, "orderId") : null;
  let link: { to: string; label: string } | null = null;
  if (incidentId) {
    link =
      area === "portal"
        ? { to: `/portal/breaches/${incidentId}`, label: t("notices.openBreach") }
        : { to: `/admin/incidents/${incidentId}`, label: t("notices.openIncident") };
  } else if (orderId) {
    // art. 9.2: the customer sees the orders it was told of; staff open the register's order.
    link =
      area === "portal"
        ? { to: "/portal/disclosures", label: t("disclosures.openPortal") }
        : { to: `/admin/disclosures/${orderId}`, label: t("disclosures.openOrder") };
  } else if (caseId) {
    link = { to: `${base}/cases/${caseId}`, label: t("cases.openRequest") };
  } else if (changeId) {
    const invitesObjection = area === "portal" && notice.kind === "subprocessor_change_announced";
    link = { to: `${base}/subprocessors/changes/${changeId}`, label: invitesObjection ? t("notices.openChangeObject") : t("notices.openChange") };
  } else if (obligationId) {
    link = { to: `${base}/obligations/${obligationId}`, label: t("notices.openObligation") };
  } else if (notice.kind === "contact_failing") {
    link =
      area === "portal"
        ? { to: "/portal/contact", label: t("notices.openContact") }
        : notice.controllerId
          ? { to: `/admin/customers/${notice.controllerId}`, label: t("notices.openCustomer") }
          : null;
  }
  if (!link) {
    return null;
  }
  return (
    <p>
      <Link className="btn btn-primary" to={link.to} data-testid="notice-related">
        {link.label}
      </Link>
    </p>
  );
}
