import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useApi } from "../../api/useApi";
import { Loaded } from "../../components/Loaded";
import { PageHeader } from "../../components/PageHeader";
import { Annex2ChangesList } from "../../components/measures/Annex2ChangesList";
import { MEASURE_THEMES, measuresReportUrl } from "../../components/measures/measures-api";
import { formatDate } from "../../lib/format";
import { useLang } from "../../lib/useLang";

/** The portal's "Security measures": the current Annex 2 by theme, and what changed since the previous version (art. 7.1). */
export function PortalMeasuresPage() {
  const { t } = useTranslation();
  const { pick, lang } = useLang();
  const state = useApi(() => unwrap(api.GET("/api/v1/annex2")), []);
  return (
    <>
      <PageHeader
        title={t("measures.portal.title")}
        subtitle={t("measures.portal.intro")}
        actions={
          <a className="btn" href={measuresReportUrl(lang)} data-testid="portal-measures-report">
            {t("measures.report")}
          </a>
        }
      />
      <Loaded state={state}>
        {(annex) =>
          annex.version === null ? (
            <p className="muted">{t("measures.portal.none")}</p>
          ) : (
            <>
              <p data-testid="portal-annex2-version">{t("measures.portal.version", { version: annex.version, date: formatDate(annex.publishedAt) })}</p>
              <section className="card" data-testid="portal-annex2-changes">
                {annex.previousVersion === null ? (
                  <p className="muted">{t("measures.portal.firstVersion")}</p>
                ) : (
                  <>
                    <h2>{t("measures.portal.sincePrevious", { version: annex.previousVersion })}</h2>
                    {annex.note ? <p className="pre-wrap">{annex.note}</p> : null}
                    <Annex2ChangesList changes={annex.changes} />
                  </>
                )}
              </section>
              {MEASURE_THEMES.map((theme) => {
                const list = annex.measures.filter((m) => m.theme === theme);
                return list.length === 0 ? null : (
                  <section key={theme} className="card" data-theme={theme}>
                    <h2>{t(`measures.themes.${theme}`)}</h2>
                    {list.map((m) => (
                      <div key={m.code} className="measure" data-measure={m.code}>
                        <h3>{pick(m.title.nl, m.title.en)}</h3>
                        <p className="small muted">{pick(m.category.nl, m.category.en)}</p>
                        <p>{pick(m.description.nl, m.description.en)}</p>
                      </div>
                    ))}
                  </section>
                );
              })}
            </>
          )
        }
      </Loaded>
    </>
  );
}
