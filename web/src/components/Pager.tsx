import { useTranslation } from "react-i18next";

/** "1–25 of 4,210" with previous/next. */
export function Pager({ offset, limit, total, onChange }: { offset: number; limit: number; total: number; onChange: (offset: number) => void }) {
  const { t } = useTranslation();
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={t("pager.label")}>
      <span data-testid="pager-range">{t("pager.range", { from, to, total })}</span>
      <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))} data-testid="pager-prev">
        {t("pager.previous")}
      </button>
      <button type="button" className="btn btn-small" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)} data-testid="pager-next">
        {t("pager.next")}
      </button>
    </nav>
  );
}
