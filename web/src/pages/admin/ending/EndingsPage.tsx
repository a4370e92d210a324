import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { Badge } from "../../../components/StatusBadge";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { formatInstant } from "../../../lib/format";

/** Every ended agreement (art. 12.2) with its deletion plan's progress. Admin and privacy officer only. */
export function EndingsPage() {
  const { t } = useTranslation();
  const list = useApi(() => unwrap(api.GET("/api/v1/endings")), []);
  return (
    <>
      <PageHeader title={t("ending.adminTitle")} subtitle={t("ending.adminIntro")} />
      <section className="card">
        <Loaded state={list}>
          {(rows) =>
            rows.length === 0 ? (
              <p className="muted" data-testid="endings-empty">
                {t("ending.none")}
              </p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="endings-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("ending.reference")}</th>
                      <th scope="col">{t("ending.customer")}</th>
                      <th scope="col">{t("ending.endedAt")}</th>
                      <th scope="col">{t("ending.planDueAt")}</th>
                      <th scope="col">{t("ending.progress")}</th>
                      <th scope="col">{t("ending.openHolds")}</th>
                      <th scope="col">{t("ending.portalClosesAt")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.id} data-testid="ending-row" data-reference={r.reference}>
                        <td className="nowrap">
                          <Link to={`/admin/endings/${r.controllerId}`} data-testid="ending-open">
                            {r.reference}
                          </Link>
                        </td>
                        <td>
                          {r.customerName} <span className="muted small">{r.customerNumber}</span>
                        </td>
                        <td className="small nowrap">{formatInstant(r.endedAt)}</td>
                        <td className="small nowrap">
                          {formatInstant(r.planDueAt)}{" "}
                          {r.completedAt ? (
                            <Badge tone="success">{t("ending.complete")}</Badge>
                          ) : r.planOverdue ? (
                            <Badge tone="danger">{t("ending.overdue")}</Badge>
                          ) : (
                            <Badge tone="info">{t("ending.running")}</Badge>
                          )}
                        </td>
                        <td className="nowrap">
                          {r.confirmed} / {r.lines}
                        </td>
                        <td>{r.openHolds}</td>
                        <td className="small nowrap">
                          {r.portalClosedAt ? `${t("ending.portalClosedAt")} ${formatInstant(r.portalClosedAt)}` : formatInstant(r.portalClosesAt)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loaded>
      </section>
    </>
  );
}
