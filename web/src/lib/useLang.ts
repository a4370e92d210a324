import { useTranslation } from "react-i18next";
import type { Locale } from "../api/types";

/** The current language, and a picker for the API's paired texts (nameNl/nameEn, {nl, en}). */
export function useLang(): { lang: Locale; pick: (nl: string, en: string) => string } {
  const { i18n } = useTranslation();
  const lang: Locale = i18n.language === "en" ? "en" : "nl";
  return { lang, pick: (nl, en) => (lang === "en" ? en : nl) };
}
