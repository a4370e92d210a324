import { useTranslation } from "react-i18next";
import type { ControllerDetail } from "../../../api/types";

export function CustomerDetails({ controller }: { controller: ControllerDetail }) {
  const { t } = useTranslation();
  const rows: [string, string | null][] = [
    [t("customer.number"), controller.customerNumber],
    [t("customer.kvk"), controller.kvk],
    [t("customer.address"), controller.address],
    [t("customer.postalCode"), controller.postalCode],
    [t("customer.city"), controller.city],
    [t("customer.country"), controller.country],
    [t("customer.locale"), t(`languages.${controller.locale}`)],
    [t("customer.annexVersion"), controller.annexVersion === null ? null : String(controller.annexVersion)],
  ];
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
