import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../../api/client";
import { unwrapPage, usePagedList } from "../../../api/pages";
import { KeysetPager } from "../../../components/KeysetPager";
import { Loaded } from "../../../components/Loaded";
import { MechanismLabel } from "../../../components/subprocessors/badges";
import { useLang } from "../../../lib/useLang";

const PAGE = 50;

/**
 * art. 3.1: locations outside the EEA without adequacy and without a ground, with the customers they
 * touch; a page at a time (keyset). On a phone each warning is a block, its reason at full width.
 */
export function TransferWarnings() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { pages, state } = usePagedList([], (page) => unwrapPage(api.GET("/api/v1/transfers/warnings", { params: { query: { limit: PAGE, ...page } } })));
  return (
    <Loaded state={state}>
      {({ items: warnings, next }) =>
        warnings.length === 0 ? (
          <p className="alert alert-success" data-testid="transfer-warnings-none">
            {t("warnings.none")}
          </p>
        ) : (
          <section className="card card-danger" aria-labelledby="warnings-heading" data-testid="transfer-warnings">
            <h2 id="warnings-heading">{t("warnings.title")}</h2>
            <p className="hint">{t("warnings.intro")}</p>
            <div className="table-wrap">
              <table className="table table-compact table-stack">
                <thead>
                  <tr>
                    <th scope="col">{t("changes.subprocessor")}</th>
                    <th scope="col">{t("warnings.where")}</th>
                    <th scope="col">{t("subprocessors.mechanism")}</th>
                    <th scope="col">{t("warnings.source")}</th>
                    <th scope="col" className="num">
                      {t("warnings.customers")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {warnings.map((w, i) => (
                    <tr key={`${w.subprocessor.id}-${w.country}-${i}`} data-testid="transfer-warning">
                      <td data-label={t("changes.subprocessor")}>
                        <Link to={`/admin/subprocessors/${w.subprocessor.id}`}>{w.subprocessor.name}</Link>
                      </td>
                      <td data-label={t("warnings.where")}>
                        {w.countryName[lang]} ({w.country}){w.city ? `, ${w.city}` : ""}
                        <div className="muted small">{w.reason[lang]}</div>
                      </td>
                      <td data-label={t("subprocessors.mechanism")}>
                        <MechanismLabel mechanism={w.mechanism} />
                      </td>
                      <td data-label={t("warnings.source")}>
                        {w.changeId ? (
                          <Link to={`/admin/subprocessors/changes/${w.changeId}`}>{t(`warnings.sources.${w.source}`)}</Link>
                        ) : (
                          t(`warnings.sources.${w.source}`)
                        )}
                      </td>
                      <td className="num" data-label={t("warnings.customers")}>
                        {w.customers}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <KeysetPager pages={pages} limit={PAGE} shown={warnings.length} next={next} />
          </section>
        )
      }
    </Loaded>
  );
}
