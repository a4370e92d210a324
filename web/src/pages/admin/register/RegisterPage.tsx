import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import type { Locale } from "../../../api/types";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { useLang } from "../../../lib/useLang";

const FORMATS = ["csv", "xlsx", "pdf"] as const;
const exportUrl = (format: (typeof FORMATS)[number], lang: Locale) => `/api/v1/register/export?format=${format}&lang=${lang}`;

/** GDPR art. 30(2): the processor's register, exported streamed as CSV, XLSX or PDF, with a preview of its first lines. */
export function RegisterPage() {
  const { t } = useTranslation();
  const { lang: uiLang } = useLang();
  const [lang, setLang] = useState<Locale>(uiLang);
  const state = useApi(() => unwrap(api.GET("/api/v1/register/preview", { params: { query: { limit: 10, lang } } })), [lang]);
  return (
    <>
      <PageHeader title={t("register.title")} subtitle={t("register.intro")} />
      <Loaded state={state}>
        {(preview) => {
          const pdfTooLarge = preview.controllers > preview.pdfMaxControllers;
          return (
            <>
              <section className="card" aria-labelledby="register-export-heading">
                <h2 id="register-export-heading">{t("register.export")}</h2>
                <p data-testid="register-count">{t("register.controllers", { count: preview.controllers })}</p>
                <div className="field">
                  <label htmlFor="register-lang">{t("register.language")}</label>
                  <select id="register-lang" value={lang} onChange={(e) => setLang(e.target.value === "en" ? "en" : "nl")}>
                    <option value="nl">Nederlands</option>
                    <option value="en">English</option>
                  </select>
                </div>
                <p className="export-links">
                  {FORMATS.map((format, i) => (
                    <span key={format}>
                      {i > 0 ? " · " : null}
                      {format === "pdf" && pdfTooLarge ? (
                        <span className="muted">{t(`register.formats.${format}`)}</span>
                      ) : (
                        <a href={exportUrl(format, lang)} download data-testid={`register-export-${format}`}>
                          {t(`register.formats.${format}`)}
                        </a>
                      )}
                    </span>
                  ))}
                </p>
                {pdfTooLarge ? <p className="hint">{t("register.pdfTooLarge", { limit: preview.pdfMaxControllers })}</p> : null}
              </section>
              <section className="card" aria-labelledby="register-preview-heading">
                <h2 id="register-preview-heading">{t("register.preview")}</h2>
                {preview.rows.length === 0 ? (
                  <p className="muted">{t("register.empty")}</p>
                ) : (
                  <>
                    <p className="hint">{t("register.previewHint")}</p>
                    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="register-preview-heading">
                      <table className="table table-compact" data-testid="register-preview">
                        <thead>
                          <tr>
                            {preview.columns.map((c) => (
                              <th key={c} scope="col">
                                {c}
                              </th>
                            ))}
                          </tr>
                        </thead>
                        <tbody>
                          {preview.rows.map((row, r) => (
                            <tr key={r}>
                              {row.map((cell, c) => (
                                <td key={c}>{cell}</td>
                              ))}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </>
                )}
              </section>
            </>
          );
        }}
      </Loaded>
    </>
  );
}
