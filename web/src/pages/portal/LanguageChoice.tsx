import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useAction } from "../../api/useApi";
import type { Agreement } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";

/** The language of the agreement to sign (the template holds both); fixed once signed. */
export function LanguageChoice({ agreement, onChosen }: { agreement: Agreement; onChosen: () => void }) {
  const { t } = useTranslation();
  const choose = useAction((locale: "nl" | "en") =>
    unwrap(api.PUT("/api/v1/agreements/{id}/language", { params: { path: { id: agreement.id } }, body: { locale } })),
  );
  return (
    <section className="card">
      <label htmlFor="agreement-language">
        <strong>{t("sign.languageLabel")}</strong>
      </label>
      <select
        id="agreement-language"
        data-testid="agreement-language"
        value={agreement.locale}
        disabled={choose.busy}
        onChange={(e) => {
          const locale = e.target.value === "en" ? "en" : "nl";
          void choose.execute(locale).then((result) => (result.ok ? onChosen() : undefined));
        }}
      >
        <option value="nl">{t("languages.nl")}</option>
        <option value="en">{t("languages.en")}</option>
      </select>
      <p className="muted">{t("sign.languageHelp")}</p>
      <ErrorAlert error={choose.error} />
    </section>
  );
}
