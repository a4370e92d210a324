import { useRef } from "react";
import { useTranslation } from "react-i18next";
import type { CursorPages } from "../api/pages";

/**
 * Previous/next over a keyset list: "51–100 of 4,210" ("of more than 10,000" when the server
 * stopped counting, "51–100" when the list does not count), next from the server's cursor,
 * previous from the cursors already followed. A page turned from below the list's top (a long page
 * scrolled through to its pager, as on a phone) brings that top back into view: the new rows are
 * read from their first, not from where the old page ended.
 */
export function KeysetPager({
  pages,
  limit,
  shown,
  next,
  total,
  totalExact = true,
}: {
  pages: CursorPages;
  limit: number;
  shown: number;
  next: string | null;
  total?: number;
  totalExact?: boolean;
}) {
  const { t } = useTranslation();
  const nav = useRef<HTMLElement>(null);
  if (pages.index === 0 && next === null) {
    return null;
  }
  const from = shown === 0 ? 0 : pages.index * limit + 1;
  const to = pages.index * limit + shown;
  const turn = (go: () => void) => {
    go();
    // The list and its pager share a parent (a card, the page); the old rows stay until the new ones come.
    const list = nav.current?.parentElement;
    if (list && list.getBoundingClientRect().top < 0) {
      list.scrollIntoView({ block: "start" });
    }
  };
  return (
    <nav className="pager" aria-label={t("pager.label")} ref={nav}>
      <span data-testid="pager-range">
        {total === undefined
          ? t("pager.rangeOpen", { from, to })
          : totalExact
            ? t("pager.range", { from, to, total })
            : t("pager.rangeMore", { from, to, total })}
      </span>
      <button type="button" className="btn btn-small" disabled={pages.index === 0} onClick={() => turn(pages.back)} data-testid="pager-prev">
        {t("pager.previous")}
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={next === null}
        onClick={() => next !== null && turn(() => pages.forward(next))}
        data-testid="pager-next"
      >
        {t("pager.next")}
      </button>
    </nav>
  );
}
