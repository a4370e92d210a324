import { useTranslation } from "react-i18next";
import type { Agreement } from "../api/types";
import { formatInstant } from "../lib/format";

/** The dates and versions of one agreement. */
export function AgreementFacts({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t("agreement.customer"), agreement.controllerName],
    [t("agreement.version"), String(agreement.templateVersion)],
    [t("agreement.annexVersion"), String(agreement.annexVersion)],
    ...(agreement.annex2Version === null ? [] : [[t("measures.annex2Version"), String(agreement.annex2Version)] as [string, string]]),
    [t("agreement.language"), t(`languages.${agreement.locale}`)],
    [t("agreement.offeredAt"), formatInstant(agreement.offeredAt)],
    [t("agreement.customerSignedAt"), formatInstant(agreement.customerSignedAt)],
    [t("agreement.processorSignedAt"), formatInstant(agreement.processorSignedAt)],
    [t("agreement.effectiveAt"), formatInstant(agreement.effectiveAt)],
  ];
  if (agreement.supersededAt) {
    rows.push([t("agreement.supersededAt"), formatInstant(agreement.supersededAt)]);
  }
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
