import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { api, unwrap } from "../../api/client";
import { useAction, useApi } from "../../api/useApi";
import { ErrorAlert, Notice } from "../../components/ErrorAlert";
import { Loaded } from "../../components/Loaded";
import { PageHeader } from "../../components/PageHeader";
import { formatInstant } from "../../lib/format";
import { canStaffWrite, useMe } from "../../session";
import { ClocksSummary } from "./template/ClocksSummary";

/** Published template versions with how many customers have each offered, signed and in force. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const published = (location.state as { published?: number } | null)?.published;
  const state = useApi(() => unwrap(api.GET("/api/v1/templates")), []);
  const [offered, setOffered] = useState<number | null>(null);
  const offer = useAction((version: number) => unwrap(api.POST("/api/v1/templates/{version}/offer", { params: { path: { version } } })));
  const writer = canStaffWrite(me);

  return (
    <>
      <PageHeader
        title={t("templates.title")}
        subtitle={t("templates.intro")}
        actions={
          writer ? (
            <Link className="btn btn-primary" to="/admin/templates/new" data-testid="new-template">
              {t("templates.new")}
            </Link>
          ) : null
        }
      />
      {published !== undefined ? (
        <Notice tone="success" testId="template-published">
          {t("templates.published", { version: published })}
        </Notice>
      ) : null}
      {offered !== null ? (
        <Notice tone="success" testId="template-offered">
          {t("templates.offered", { version: offered })}
        </Notice>
      ) : null}
      <ErrorAlert error={offer.error} />
      <Loaded state={state}>
        {(versions) => {
          const sorted = [...versions].sort((a, b) => b.version - a.version);
          const latest = sorted[0]?.version;
          return sorted.length === 0 ? (
            <p className="muted">{t("templates.none")}</p>
          ) : (
            <>
              {writer && latest !== undefined ? (
                <div className="offer-bar">
                  <p>{t("layout.offerLatest", { version: latest })}</p>
                  <button
                    type="button"
                    className="btn btn-primary"
                    disabled={offer.busy}
                    data-testid="offer-all"
                    onClick={() => {
                      // Not destructive: agreements in force stay in force until the customer signs the new one.
                      void offer.execute(latest).then((r) => {
                        if (r.ok) {
                          setOffered(latest);
                          state.reload();
                        }
                      });
                    }}
                  >
                    {t("templates.offerAll")}
                  </button>
                </div>
              ) : null}
              <div className="table-wrap">
                <table className="table" data-testid="templates-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("templates.version")}</th>
                      <th scope="col">{t("templates.publishedAt")}</th>
                      <th scope="col">{t("templates.notes")}</th>
                      <th scope="col">{t("templates.clocks")}</th>
                      <th scope="col" className="num">
                        {t("templates.offeredCount")}
                      </th>
                      <th scope="col" className="num">
                        {t("templates.signedCount")}
                      </th>
                      <th scope="col" className="num">
                        {t("templates.inForceCount")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {sorted.map((v) => (
                      <tr key={v.version} data-version={v.version}>
                        <td>{v.version}</td>
                        <td className="cell-date">{formatInstant(v.publishedAt)}</td>
                        <td>{v.notes || "—"}</td>
                        <td className="small clocks">
                          <ClocksSummary clocks={v.parameters.clocks} />
                        </td>
                        <td className="num">{v.offered}</td>
                        <td className="num">{v.signed}</td>
                        <td className="num">{v.inForce}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </Loaded>
    </>
  );
}
