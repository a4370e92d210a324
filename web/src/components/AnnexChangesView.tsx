import { useTranslation } from "react-i18next";
import { ANNEX_PARTS, hasChanges, subprocessorCountries, type AnnexChanges } from "../lib/annex-diff";
import { useLang } from "../lib/useLang";

/** Added and removed entries of Annex 1, per part; what a customer must know before it signs again. */
export function AnnexChangesView({ changes }: { changes: AnnexChanges }) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  if (!hasChanges(changes)) {
    return <p className="muted">{t("annex.noDifferences")}</p>;
  }
  const subs = changes.subprocessors;
  return (
    <dl className="annex-changes" data-testid="annex-changes">
      {ANNEX_PARTS.filter((p) => changes[p].added.length + changes[p].removed.length > 0).map((part) => (
        <div key={part}>
          <dt>{t(`annex.parts.${part}`)}</dt>
          <dd>
            <ul className="plain">
              {changes[part].added.map((i) => (
                <li key={`+${i.code}`} className="added">
                  <span className="sr-only">{t("annex.added")}: </span>
                  <span aria-hidden="true">+ </span>
                  {pick(i.nl, i.en)}
                </li>
              ))}
              {changes[part].removed.map((i) => (
                <li key={`-${i.code}`} className="removed">
                  <span className="sr-only">{t("annex.removed")}: </span>
                  <span aria-hidden="true">− </span>
                  {pick(i.nl, i.en)}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ))}
      {subs.added.length + subs.removed.length + subs.relocated.length > 0 ? (
        <div data-testid="annex-changes-subprocessors">
          <dt>{t("annex.parts.subprocessors")}</dt>
          <dd>
            <ul className="plain">
              {subs.added.map((s) => (
                <li key={`+${s.code}`} className="added">
                  <span className="sr-only">{t("annex.added")}: </span>
                  <span aria-hidden="true">+ </span>
                  {s.name} ({subprocessorCountries(s, lang)})
                </li>
              ))}
              {subs.removed.map((s) => (
                <li key={`-${s.code}`} className="removed">
                  <span className="sr-only">{t("annex.removed")}: </span>
                  <span aria-hidden="true">− </span>
                  {s.name}
                </li>
              ))}
              {subs.relocated.map((s) => (
                <li key={`~${s.code}`}>
                  <span aria-hidden="true">~ </span>
                  {t("annex.relocated", { name: s.name, countries: subprocessorCountries(s, lang) })}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
