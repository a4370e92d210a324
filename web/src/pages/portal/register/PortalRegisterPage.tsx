import { useTranslation } from "react-i18next";
import { PageHeader } from "../../../components/PageHeader";
import { useLang } from "../../../lib/useLang";
import { useMe } from "../../../session";

const FORMATS = ["pdf", "xlsx", "csv", "json"] as const;

/** GDPR art. 30(1), agreement art. 1.4: the customer downloads what the processor does for it, for its own register. */
export function PortalRegisterPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const me = useMe();
  const controllerId = encodeURIComponent(me.controllerId ?? "");
  return (
    <>
      <PageHeader title={t("register.portalTitle")} subtitle={t("register.portalIntro")} />
      <section className="card" aria-labelledby="slice-heading">
        <h2 id="slice-heading">{t("register.download")}</h2>
        <ul className="export-links">
          {FORMATS.map((format) => (
            <li key={format}>
              <a href={`/api/v1/controllers/${controllerId}/register?format=${format}&lang=${lang}`} download data-testid={`slice-${format}`}>
                {t(`register.formats.${format}`)}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
