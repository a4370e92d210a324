import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { Badge } from "../../../components/StatusBadge";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";

/** The register of disclosure orders (art. 9.2), and customers' statements of their own duty to disclose. Admin and privacy officer only. */
export function DisclosuresPage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const orders = useApi(() => unwrap(api.GET("/api/v1/disclosure-orders")), []);
  const statements = useApi(() => unwrap(api.GET("/api/v1/disclosure-statements")), []);
  return (
    <>
      <PageHeader
        title={t("disclosures.adminTitle")}
        subtitle={t("disclosures.adminIntro")}
        actions={
          <Link to="/admin/disclosures/new" className="btn btn-primary" data-testid="disclosure-new">
            {t("disclosures.newOrder")}
          </Link>
        }
      />
      <section className="card">
        <Loaded state={orders}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted" data-testid="disclosures-empty">
                {t("disclosures.none")}
              </p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="disclosures-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("disclosures.reference")}</th>
                      <th scope="col">{t("disclosures.authority")}</th>
                      <th scope="col">{t("disclosures.receivedAt")}</th>
                      <th scope="col">{t("disclosures.decision")}</th>
                      <th scope="col">{t("disclosures.gag")}</th>
                      <th scope="col">{t("disclosures.notified")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((o) => (
                      <tr key={o.id} data-testid="disclosure-row" data-reference={o.reference}>
                        <td className="nowrap">
                          <Link to={`/admin/disclosures/${o.id}`} data-testid="disclosure-open">
                            {o.reference}
                          </Link>
                        </td>
                        <td>
                          {o.authority} <span className="muted small">{pick(o.authorityKindLabel.nl, o.authorityKindLabel.en)}</span>
                        </td>
                        <td className="small nowrap">{formatInstant(o.receivedAt)}</td>
                        <td className="small">{pick(o.decisionLabel.nl, o.decisionLabel.en)}</td>
                        <td>
                          {o.gagActive ? (
                            <Badge tone="warning" testId="gag-active">
                              {t("disclosures.gagActiveBadge")}
                            </Badge>
                          ) : (
                            <span className="small">{t(`disclosures.gags.${o.gag}`)}</span>
                          )}
                        </td>
                        <td className="small nowrap">
                          {o.notified} / {o.customers}
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
      <section className="card" aria-labelledby="statements-heading">
        <h2 id="statements-heading">{t("disclosures.statements.adminTitle")}</h2>
        <p className="muted small">{t("disclosures.statements.adminIntro")}</p>
        <Loaded state={statements}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t("disclosures.statements.none")}</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="statements-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("disclosures.statements.customer")}</th>
                      <th scope="col">{t("disclosures.authority")}</th>
                      <th scope="col">{t("disclosures.statements.information")}</th>
                      <th scope="col">{t("disclosures.statements.dueAt")}</th>
                      <th scope="col">{t("disclosures.statements.createdAt")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((s) => (
                      <tr key={s.id}>
                        <td>
                          <Link to={`/admin/customers/${s.controllerId}`}>{s.customerName}</Link>
                        </td>
                        <td>
                          {s.authority} <span className="muted small">{s.legalBasis}</span>
                        </td>
                        <td className="small">{s.information}</td>
                        <td className="small nowrap">{formatInstant(s.dueAt)}</td>
                        <td className="small nowrap">
                          {formatInstant(s.createdAt)} <span className="muted">{s.statedByName}</span>
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
