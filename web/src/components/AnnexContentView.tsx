import { useTranslation } from "react-i18next";
import type { AnnexContent } from "../api/types";
import { ANNEX_PARTS } from "../lib/annex-diff";
import { useLang } from "../lib/useLang";

/** One Annex 1 version: 1A services, 1B purposes, 1C data categories, 1D data subjects. */
export function AnnexContentView({ content }: { content: AnnexContent }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  return (
    <dl className="annex-content">
      {ANNEX_PARTS.map((part) => (
        <div key={part}>
          <dt>{t(`annex.parts.${part}`)}</dt>
          <dd>{content[part].length === 0 ? <span className="muted">—</span> : content[part].map((i) => pick(i.nl, i.en)).join(" · ")}</dd>
        </div>
      ))}
    </dl>
  );
}
