import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Obligation } from "../../api/types";
import { formatInstant } from "../../lib/format";
import { formatRemaining } from "../../lib/time";
import { ObligationStateBadge } from "../StatusBadge";
import { ObligationKindLabel } from "./ObligationKindLabel";

/** Deadlines with their due instant (local time with offset), time left, and state; overdue rows stand out. */
export function ObligationsTable({
  obligations,
  linkTo,
  showCustomer,
  testId = "obligations-table",
}: {
  obligations: readonly Obligation[];
  linkTo: (o: Obligation) => string;
  showCustomer: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t("obligations.what")}</th>
            {showCustomer ? <th scope="col">{t("obligations.customer")}</th> : null}
            <th scope="col">{t("obligations.article")}</th>
            <th scope="col">{t("obligations.due")}</th>
            <th scope="col">{t("obligations.left")}</th>
            <th scope="col">{t("obligations.state")}</th>
          </tr>
        </thead>
        <tbody>
          {obligations.map((o) => (
            <tr
              key={o.id}
              className={o.overdue ? "overdue" : undefined}
              data-testid="obligation-row"
              data-overdue={o.overdue ? "true" : "false"}
              data-status={o.status}
            >
              <td>
                <Link to={linkTo(o)} data-testid="obligation-open">
                  {o.title}
                </Link>
                <div className="muted small">
                  <ObligationKindLabel kind={o.kind} /> · {t(`obligations.parties.${o.party}`)}
                </div>
              </td>
              {showCustomer ? <td>{o.controllerId ? <Link to={`/admin/customers/${o.controllerId}`}>{o.customerName ?? "—"}</Link> : "—"}</td> : null}
              <td className="nowrap">{o.article}</td>
              <td className="nowrap" data-testid="obligation-due">
                {o.dueLocal}
              </td>
              <td className="nowrap">
                {o.status === "open" ? (
                  <span className={o.overdue ? "overdue-text" : undefined}>{formatRemaining(o.remainingMs, t)}</span>
                ) : o.metAt ? (
                  <span className="small">{formatInstant(o.metAt)}</span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                <ObligationStateBadge obligation={o} testId="obligation-state" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
