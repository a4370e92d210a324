import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ResponseOf } from "../../api/types";
import { formatInstant } from "../../lib/format";
import { useLang } from "../../lib/useLang";
import { Badge } from "../StatusBadge";

type AuditSummary = ResponseOf<"/api/v1/audits", "get">[number];

/** A list of audits, for the portal (its own) and the back-office (all, with the customer). */
export function AuditsTable({ list, base, withCustomer = false }: { list: AuditSummary[]; base: string; withCustomer?: boolean }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  if (list.length === 0) {
    return (
      <p className="muted" data-testid="audits-empty">
        {t("audits.none")}
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid="audits-table">
        <thead>
          <tr>
            <th scope="col">{t("audits.reference")}</th>
            {withCustomer ? <th scope="col">{t("audits.customer")}</th> : null}
            <th scope="col">{t("audits.stage")}</th>
            <th scope="col">{t("audits.requestedAt")}</th>
            <th scope="col">{t("audits.earliestAt")}</th>
            <th scope="col">{t("audits.date")}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr key={a.id} data-testid="audit-row" data-reference={a.reference}>
              <td className="nowrap">
                <Link to={`${base}/${a.id}`} data-testid="audit-open">
                  {a.reference}
                </Link>
              </td>
              {withCustomer ? <td>{a.customerName}</td> : null}
              <td>
                <Badge tone={a.status === "refused" ? "danger" : a.stage === "scheduled" ? "success" : "info"}>{pick(a.stageLabel.nl, a.stageLabel.en)}</Badge>
              </td>
              <td className="small nowrap">{formatInstant(a.requestedAt)}</td>
              <td className="small nowrap">{formatInstant(a.earliestAt)}</td>
              <td className="small nowrap">{a.dateAt ? formatInstant(a.dateAt) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
