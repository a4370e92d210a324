import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { agreementPdfUrl } from "../api/client";
import type { Agreement } from "../api/types";
import { formatInstant, shortHash } from "../lib/format";
import { AgreementStatusBadge } from "./StatusBadge";

/** A customer's agreements, newest version first, each with its PDF. */
export function AgreementsTable({
  agreements,
  linkTo,
  showCustomer = false,
  action,
}: {
  agreements: readonly Agreement[];
  linkTo: (a: Agreement) => string;
  showCustomer?: boolean;
  /** An extra control per row (the back-office's "countersign"). */
  action?: (a: Agreement) => ReactNode;
}) {
  const { t } = useTranslation();
  if (agreements.length === 0) {
    return <p className="muted">{t("agreement.none")}</p>;
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid="agreements-table">
        <thead>
          <tr>
            {showCustomer ? <th scope="col">{t("agreement.customer")}</th> : null}
            <th scope="col">{t("agreement.version")}</th>
            <th scope="col">{t("agreement.status")}</th>
            <th scope="col">{t("agreement.offeredAt")}</th>
            <th scope="col">{t("agreement.customerSignedAt")}</th>
            <th scope="col">{t("agreement.effectiveAt")}</th>
            <th scope="col">{t("agreement.hash")}</th>
            <th scope="col">
              <span className="sr-only">{t("common.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {agreements.map((a) => (
            <tr key={a.id} data-agreement-id={a.id}>
              {showCustomer ? <td>{a.controllerName}</td> : null}
              <td>
                <Link to={linkTo(a)}>{t("agreement.versionN", { version: a.templateVersion })}</Link>
              </td>
              <td>
                <AgreementStatusBadge status={a.status} />
              </td>
              <td>{formatInstant(a.offeredAt)}</td>
              <td>{formatInstant(a.customerSignedAt)}</td>
              <td>{formatInstant(a.effectiveAt)}</td>
              <td>
                <code title={a.documentSha256 ?? undefined}>{shortHash(a.documentSha256)}</code>
              </td>
              <td className="actions">
                {action ? action(a) : null}{" "}
                <a href={agreementPdfUrl(a.id)} download data-testid="agreement-pdf">
                  {t("agreement.pdf")}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
