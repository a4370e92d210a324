import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { useApi } from "../../api/useApi";
import { formatInstant } from "../../lib/format";
import { useLang } from "../../lib/useLang";

/** The trust page's published checkpoints: the processor's public key and the latest signed roots. */
export function TrustCheckpoints() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const state = useApi(() => unwrap(api.GET("/api/v1/trust/checkpoints")), []);
  const published = state.data;
  return (
    <section className="card" aria-labelledby="checkpoints-heading" data-testid="trust-checkpoints">
      <h2 id="checkpoints-heading">{t("evidence.trust.title")}</h2>
      <p className="muted small">{t("evidence.trust.intro")}</p>
      {published && published.publicKey ? (
        <dl>
          <dt>{t("evidence.trust.publicKey")}</dt>
          <dd>
            <code data-testid="trust-public-key">{published.publicKey}</code>
          </dd>
          {published.checkpoints[0] ? (
            <>
              <dt>{t("evidence.trust.latest")}</dt>
              <dd>
                {t("evidence.trust.checkpoint", { number: published.checkpoints[0].number, size: published.checkpoints[0].treeSize })}{" "}
                {formatInstant(published.checkpoints[0].madeAt)}
                <br />
                <code className="small">{published.checkpoints[0].root}</code>
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted">{t("evidence.trust.none")}</p>
      )}
      <p>
        <a href="/api/v1/trust/checkpoints">JSON</a> · <a href={`/api/v1/trust/checkpoints.atom?lang=${lang}`}>Atom</a> ·{" "}
        <Link to="/trust/verify">{t("evidence.verifyLink")}</Link>
      </p>
    </section>
  );
}
