import { useTranslation } from "react-i18next";
import { chooseLanguage, LANGUAGES } from "../i18n";
import { useLang } from "../lib/useLang";

/** Two buttons, NL | EN; the current one is pressed. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <div className="lang-switch" role="group" aria-label={t("common.language")}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={lang === l}
          className={lang === l ? "active" : ""}
          onClick={() => chooseLanguage(l)}
          data-testid={`lang-${l}`}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
