import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { StageLabel } from "../../../components/breaches/badges";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { Badge } from "../../../components/StatusBadge";
import { formatInstant } from "../../../lib/format";

/** The data breaches this customer was notified of (art. 6), newest first. */
export function PortalBreachesPage() {
  const { t } = useTranslation();
  const state = useApi(() => unwrap(api.GET("/api/v1/breaches")), []);
  return (
    <>
      <PageHeader title={t("breaches.title")} subtitle={t("breaches.intro")} />
      <section className="card">
        <Loaded state={state}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted" data-testid="breaches-empty">
                {t("breaches.none")}
              </p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="breaches-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("breaches.reference")}</th>
                      <th scope="col">{t("breaches.breach")}</th>
                      <th scope="col">{t("breaches.latestStage")}</th>
                      <th scope="col" className="num">
                        {t("breaches.noticeCount")}
                      </th>
                      <th scope="col">{t("breaches.firstSentAt")}</th>
                      <th scope="col">{t("breaches.lastSentAt")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((b) => (
                      <tr
                        key={b.incidentId}
                        className={b.unacknowledged > 0 ? "unread" : undefined}
                        data-testid="breach-row"
                        data-reference={b.reference}
                        data-unacknowledged={b.unacknowledged}
                      >
                        <td className="nowrap">
                          <Link to={`/portal/breaches/${b.incidentId}`} data-testid="breach-open">
                            {b.reference}
                          </Link>
                        </td>
                        <td>
                          <Link to={`/portal/breaches/${b.incidentId}`}>{b.title}</Link>{" "}
                          {b.unacknowledged > 0 ? (
                            <Badge tone="warning" testId="breach-unacknowledged">
                              {t("breaches.unacknowledged", { count: b.unacknowledged })}
                            </Badge>
                          ) : null}
                        </td>
                        <td>
                          <StageLabel stage={b.stage} />
                        </td>
                        <td className="num">{b.notices}</td>
                        <td className="small nowrap">{formatInstant(b.firstSentAt)}</td>
                        <td className="small nowrap">{formatInstant(b.lastSentAt)}</td>
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
