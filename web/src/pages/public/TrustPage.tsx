import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, trustFeedUrl, unwrap } from "../../api/client";
import { useApi } from "../../api/useApi";
import type { PublicChange } from "../../api/types";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { Loaded } from "../../components/Loaded";
import { TransparencyReport } from "../../components/disclosures/TransparencyReport";
import { TrustCheckpoints } from "../../components/evidence/TrustCheckpoints";
import { formatInstant } from "../../lib/format";
import { useLang } from "../../lib/useLang";

/**
 * The public trust page (art. 5; no login): current sub-processors with their countries, the
 * announced changes with their objection window and planned date, and the Atom feed.
 */
export function TrustPage() {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const state = useApi(() => unwrap(api.GET("/api/v1/trust")), []);
  const name = state.data?.processor.name ?? "";

  // The feed in the page head, so browsers and feed readers find it; in the chosen language.
  useEffect(() => {
    const link = document.createElement("link");
    link.rel = "alternate";
    link.type = "application/atom+xml";
    link.href = trustFeedUrl(lang);
    link.title = t("trust.feedTitle");
    document.head.appendChild(link);
    return () => link.remove();
  }, [lang, t]);
  useEffect(() => {
    if (name) {
      document.title = `${t("trust.title", { name })} · Art28`;
    }
  }, [name, t]);

  return (
    <div className="shell public-shell">
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <span className="brand">{name || "Art28"}</span>
          <div className="topbar-right">
            <LanguageSwitch />
            <Link className="btn-link" to="/login">
              {t("trust.login")}
            </Link>
          </div>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        <Loaded state={state}>
          {(page) => (
            <>
              <div className="page-header">
                <div>
                  <h1 data-testid="trust-title">{t("trust.title", { name: page.processor.name })}</h1>
                  <p className="subtitle">{t("trust.intro", { name: page.processor.name })}</p>
                  <p className="muted small">{t("trust.processorIn", { country: page.processor.country.name[lang] })}</p>
                  <p>
                    <Link to="/privacy-request" data-testid="trust-privacy-request">
                      {t("subjectRequests.public.link")}
                    </Link>
                  </p>
                </div>
                <div className="page-actions">
                  <a className="btn feed-link" href={trustFeedUrl(lang)} type="application/atom+xml" data-testid="trust-feed">
                    <span className="feed-icon" aria-hidden="true" />
                    {t("trust.feed")}
                  </a>
                  <p className="hint">{t("trust.feedHint")}</p>
                </div>
              </div>

              <section className="card" aria-labelledby="announced-heading">
                <h2 id="announced-heading">{t("trust.announced")}</h2>
                {page.announced.length === 0 ? <p className="muted">{t("trust.noneAnnounced")}</p> : <ChangesList changes={page.announced} mode="announced" />}
              </section>

              <section className="card" aria-labelledby="current-heading">
                <h2 id="current-heading">{t("trust.current")}</h2>
                {page.subprocessors.length === 0 ? (
                  <p className="muted">{t("trust.none")}</p>
                ) : (
                  <div className="table-wrap">
                    <table className="table" data-testid="trust-subprocessors">
                      <thead>
                        <tr>
                          <th scope="col">{t("subprocessors.name")}</th>
                          <th scope="col">{t("subprocessors.activity")}</th>
                          <th scope="col">{t("subprocessors.countries")}</th>
                          <th scope="col">{t("subprocessors.services")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {page.subprocessors.map((s) => (
                          <tr key={s.id} data-testid="trust-subprocessor">
                            <td>
                              <strong>{s.name}</strong>
                              {s.website ? (
                                <div className="small">
                                  <a href={s.website} rel="noreferrer noopener" target="_blank">
                                    {s.website.replace(/^https?:\/\//, "")}
                                  </a>
                                </div>
                              ) : null}
                            </td>
                            <td className="small">{s.activity[lang]}</td>
                            <td>{s.countries.map((c) => c.name[lang]).join(", ")}</td>
                            <td className="small">{s.services.map((sv) => pick(sv.nl, sv.en)).join(", ")}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </section>

              <section className="card" aria-labelledby="recent-heading">
                <h2 id="recent-heading">{t("trust.recent")}</h2>
                {page.recent.length === 0 ? <p className="muted">{t("trust.noneRecent")}</p> : <ChangesList changes={page.recent} mode="recent" />}
              </section>

              <TrustCheckpoints />

              <section className="card" aria-labelledby="measures-heading" data-testid="trust-measures">
                <h2 id="measures-heading">{t("measures.trust.title")}</h2>
                <p className="muted small">{t("measures.trust.intro")}</p>
                {(["organisational", "people", "physical", "technological"] as const).map((theme) => {
                  const list = page.measures.filter((m) => m.theme === theme);
                  return list.length === 0 ? null : (
                    <div key={theme} data-theme={theme}>
                      <h3>{t(`measures.themes.${theme}`)}</h3>
                      <ul>
                        {list.map((m) => (
                          <li key={m.code}>{m.title[lang]}</li>
                        ))}
                      </ul>
                    </div>
                  );
                })}
              </section>

              <TransparencyReport />
            </>
          )}
        </Loaded>
      </main>
    </div>
  );
}

function ChangesList({ changes, mode }: { changes: readonly PublicChange[]; mode: "announced" | "recent" }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <ul className="plain change-list" data-testid={mode === "announced" ? "trust-announced" : "trust-recent"}>
      {changes.map((c) => (
        <li key={c.id} id={`change-${c.id}`} className="change-item" data-testid="trust-change">
          <h3>{t("changes.titleOf", { kind: t(`changes.kinds.${c.kind}`), name: c.subprocessorName })}</h3>
          {c.replacesName ? (
            <p className="muted small">
              {t("changes.replaces")}: {c.replacesName}
            </p>
          ) : null}
          <p>{c.description[lang]}</p>
          <dl className="inline-facts">
            <div>
              <dt>{t("subprocessors.countries")}</dt>
              <dd>{c.countries.map((co) => co.name[lang]).join(", ") || "—"}</dd>
            </div>
            <div>
              <dt>{t("changes.announcedAt")}</dt>
              <dd>{formatInstant(c.announcedAt)}</dd>
            </div>
            {mode === "announced" ? (
              <div>
                <dt>{t("trust.windowCloses")}</dt>
                <dd>{formatInstant(c.windowClosesAt)}</dd>
              </div>
            ) : null}
            <div>
              <dt>{mode === "announced" ? t("trust.planned") : t("trust.effective")}</dt>
              <dd>{c.effectiveAt ? formatInstant(c.effectiveAt) : t("trust.notPlanned")}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
