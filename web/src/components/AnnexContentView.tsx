import { useTranslation } from "react-i18next";
import type { AnnexContent } from "../api/types";
import { ANNEX_PARTS, subprocessorCountries } from "../lib/annex-diff";
import { useLang } from "../lib/useLang";

/**
 * One Annex 1 version: 1A services, 1B purposes, 1C data categories, 1D data subjects, and 1E the
 * sub-processors with their countries (not in versions stored before 1E existed).
 */
export function AnnexContentView({ content }: { content: AnnexContent }) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const subs = content.subprocessors;
  return (
    <dl className="annex-content">
      {ANNEX_PARTS.map((part) => (
        <div key={part}>
          <dt>{t(`annex.parts.${part}`)}</dt>
          <dd>{content[part].length === 0 ? <span className="muted">—</span> : content[part].map((i) => pick(i.nl, i.en)).join(" · ")}</dd>
        </div>
      ))}
      {subs === undefined ? null : (
        <div data-testid="annex-subprocessors">
          <dt>{t("annex.parts.subprocessors")}</dt>
          <dd>
            {subs.length === 0 ? (
              <span className="muted">{t("annex.noSubprocessors")}</span>
            ) : (
              <ul className="plain">
                {subs.map((s) => (
                  <li key={s.code}>
                    <strong>{s.name}</strong> — {pick(s.activity.nl, s.activity.en)} <span className="muted">({subprocessorCountries(s, lang)})</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      )}
    </dl>
  );
}
