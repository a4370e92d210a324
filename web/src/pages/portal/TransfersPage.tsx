import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useApi } from "../../api/useApi";
import { Loaded } from "../../components/Loaded";
import { PageHeader } from "../../components/PageHeader";
import { MechanismLabel, ZoneBadge } from "../../components/subprocessors/badges";
import { useLang } from "../../lib/useLang";
import { useMe } from "../../session";

/** art. 3.1: every country the customer's data may go to, with its zone, the ground, and who and which services are involved. */
export function TransfersPage() {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const me = useMe();
  const controllerId = me.controllerId ?? "";
  const state = useApi(() => unwrap(api.GET("/api/v1/controllers/{id}/transfers", { params: { path: { id: controllerId } } })), [controllerId]);
  return (
    <>
      <PageHeader title={t("transfers.title")} subtitle={t("transfers.intro")} />
      <Loaded state={state}>
        {({ countries }) =>
          countries.length === 0 ? (
            <p className="muted">{t("transfers.none")}</p>
          ) : (
            <>
              <p data-testid="transfers-summary">
                {t("transfers.summary", { count: countries.length, outside: countries.filter((c) => c.zone !== "eea").length })}
              </p>
              {countries.map((c) => (
                <section
                  key={c.country}
                  className={`card${c.lawful ? "" : " card-danger"}`}
                  aria-labelledby={`country-${c.country}`}
                  data-testid="transfer-country"
                  data-country={c.country}
                  data-zone={c.zone}
                >
                  <h2 id={`country-${c.country}`}>
                    {c.name[lang]} <span className="muted">({c.country})</span> <ZoneBadge zone={c.zone} lawful={c.lawful} />
                  </h2>
                  <p className="small">
                    <strong>{t("transfers.services")}:</strong> {c.services.map((s) => pick(s.nl, s.en)).join(", ")}
                  </p>
                  {/* Inside the EEA every party has the same ground: say it once. */}
                  {c.zone === "eea" && c.parties[0] ? <p className="hint">{c.parties[0].reason[lang]}</p> : null}
                  <div className="table-wrap">
                    <table className="table table-compact">
                      <thead>
                        <tr>
                          <th scope="col">{t("transfers.who")}</th>
                          <th scope="col">{t("subprocessors.city")}</th>
                          {c.zone === "eea" ? null : <th scope="col">{t("transfers.ground")}</th>}
                          <th scope="col">{t("transfers.services")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {c.parties.map((p, i) => (
                          <tr key={`${p.subprocessorId ?? "processor"}-${i}`} data-testid="transfer-party">
                            <td>{p.subprocessorId === null ? t("transfers.processorItself", { name: p.name }) : p.name}</td>
                            <td>{p.city ?? "—"}</td>
                            {c.zone === "eea" ? null : (
                              <td>
                                <MechanismLabel mechanism={p.mechanism} />
                                <br />
                                <span className="muted small">{p.reason[lang]}</span>
                              </td>
                            )}
                            <td className="small">{p.services.map((s) => pick(s.nl, s.en)).join(", ")}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </section>
              ))}
            </>
          )
        }
      </Loaded>
    </>
  );
}
