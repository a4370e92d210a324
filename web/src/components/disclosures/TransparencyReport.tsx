import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useApi } from "../../api/useApi";
import type { ResponseOf } from "../../api/types";
import { Loaded } from "../Loaded";
import { useLang } from "../../lib/useLang";

type Report = ResponseOf<"/api/v1/trust/disclosures", "get">;
type Count = Report["periods"][number]["orders"];

/** A count as the report gives it: exact, or its band where a gagged order is among it (never exact then). */
export function CountText({ count }: { count: Count }) {
  const { t } = useTranslation();
  if (count.exact !== null) {
    return <>{count.exact}</>;
  }
  if (!count.band) {
    return <>—</>;
  }
  return (
    <span data-testid="count-band">
      {count.band.to === null
        ? t("disclosures.report.bandOpen", { from: count.band.from })
        : t("disclosures.report.band", { from: count.band.from, to: count.band.to })}
    </span>
  );
}

/** The public transparency report on disclosure orders (art. 9.2), per half-year, on the trust page. */
export function TransparencyReport() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const state = useApi(() => unwrap(api.GET("/api/v1/trust/disclosures")), []);
  return (
    <section className="card" aria-labelledby="disclosures-heading" data-testid="trust-disclosures">
      <h2 id="disclosures-heading">{t("disclosures.report.title")}</h2>
      <p className="muted small">{t("disclosures.report.intro")}</p>
      <Loaded state={state}>
        {(report) =>
          report.periods.length === 0 ? (
            <p className="muted">{t("disclosures.report.none")}</p>
          ) : (
            <>
              {report.periods.map((p) => (
                <div key={p.period} data-testid="report-period" data-period={p.period}>
                  <h3>{p.period.replace("-H", " H")}</h3>
                  <div className="table-wrap">
                    <table className="table">
                      <tbody>
                        <tr>
                          <th scope="row">{t("disclosures.report.orders")}</th>
                          <td data-testid="report-orders">
                            <CountText count={p.orders} />
                          </td>
                        </tr>
                        <tr>
                          <th scope="row">{t("disclosures.report.customers")}</th>
                          <td data-testid="report-customers">
                            <CountText count={p.customers} />
                          </td>
                        </tr>
                      </tbody>
                    </table>
                  </div>
                  <div className="grid-2">
                    <table className="table">
                      <caption>{t("disclosures.report.byAuthority")}</caption>
                      <tbody>
                        {p.byAuthority.map((row) => (
                          <tr key={row.kind}>
                            <th scope="row">{pick(row.label.nl, row.label.en)}</th>
                            <td>
                              <CountText count={row.orders} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    <table className="table">
                      <caption>{t("disclosures.report.byOutcome")}</caption>
                      <tbody>
                        {p.byOutcome.map((row) => (
                          <tr key={row.decision}>
                            <th scope="row">{pick(row.label.nl, row.label.en)}</th>
                            <td>
                              <CountText count={row.orders} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </div>
              ))}
            </>
          )
        }
      </Loaded>
    </section>
  );
}
