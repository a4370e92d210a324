import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { nl } from "./nl";
import { en } from "./en";
import type { Locale } from "../api/types";

const STORAGE_KEY = "art28.language";
export const LANGUAGES: readonly Locale[] = ["nl", "en"];

function storedChoice(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === "nl" || value === "en" ? value : null;
  } catch (cause) {
    // Storage can be disabled (private mode, policy): the language then lasts for this page only.
    console.warn("language choice not readable", cause);
    return null;
  }
}

export function initI18n(): void {
  i18n.on("languageChanged", (lng) => {
    document.documentElement.lang = lng;
  });
  void i18n.use(initReactI18next).init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng: storedChoice() ?? "nl",
    fallbackLng: "nl",
    interpolation: { escapeValue: false },
  });
}

/** The user picked a language: it wins over the account's language from now on. */
export function chooseLanguage(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch (cause) {
    console.warn("language choice not stored", cause);
  }
  void i18n.changeLanguage(locale);
}

/** After login: the account's language, unless the user picked one on this device. */
export function applyUserLocale(locale: Locale): void {
  if (!storedChoice()) {
    void i18n.changeLanguage(locale);
  }
}

/** The current language as an API locale. */
export function currentLocale(): Locale {
  return i18n.language === "en" ? "en" : "nl";
}
