import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSession, homeOf } from "../session";

/** Shown for an unknown route and for any record the API does not know (or will not disclose). */
export function NotFound() {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title" data-testid="not-found">
        {t("notFound.title")}
      </h1>
      <p>{t("notFound.text")}</p>
      <p>
        <Link to={me ? homeOf(me) : "/login"}>{t("notFound.home")}</Link>
      </p>
    </section>
  );
}
