import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A list's search: a search field and its button, and the list's other filters beside them
 * (`children`). `applied` is the search the list is read with (often from the URL); the field
 * follows it when it changes, and `onSearch` gets what was typed, trimmed, when it is submitted.
 */
export function SearchForm({
  id,
  label,
  applied,
  onSearch,
  testId,
  children,
}: {
  id: string;
  label: string;
  applied: string;
  onSearch: (q: string) => void;
  testId: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(applied);
  useEffect(() => setSearch(applied), [applied]);
  return (
    <form
      noValidate
      className="filters"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(search.trim());
      }}
    >
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} type="search" value={search} maxLength={100} onChange={(e) => setSearch(e.target.value)} data-testid={testId} />
      </div>
      <button type="submit" className="btn">
        {t("common.search")}
      </button>
      {children}
    </form>
  );
}
