import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";

export type Chosen = { id: string; name: string; customerNumber: string };

/** The customers an order concerns, found by name or number. */
export function CustomerPicker({ chosen, onChange, error }: { chosen: Chosen[]; onChange: (c: Chosen[]) => void; error: string | undefined }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [applied, setApplied] = useState("");
  const state = useApi(
    () => (applied ? unwrap(api.GET("/api/v1/controllers", { params: { query: { search: applied, offset: 0, limit: 10 } } })) : Promise.resolve(null)),
    [applied],
  );
  return (
    <fieldset className="field" data-testid="order-customers">
      <legend>{t("disclosures.customers")}</legend>
      <p className="hint">{t("disclosures.form.customersHint")}</p>
      {error ? <p className="field-error">{error}</p> : null}
      <ul className="plain">
        {chosen.map((c) => (
          <li key={c.id} data-testid="order-customer-chosen">
            {c.name} <span className="muted small">{c.customerNumber}</span>{" "}
            <button type="button" className="btn btn-small" onClick={() => onChange(chosen.filter((x) => x.id !== c.id))}>
              {t("disclosures.form.remove")}
            </button>
          </li>
        ))}
      </ul>
      <div className="filters">
        <div className="field">
          <label htmlFor="order-customer-search">{t("disclosures.form.search")}</label>
          <input
            id="order-customer-search"
            type="search"
            value={search}
            maxLength={100}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                setApplied(search.trim());
              }
            }}
            data-testid="order-customer-search"
          />
        </div>
        <button type="button" className="btn" onClick={() => setApplied(search.trim())} data-testid="order-customer-find">
          {t("common.search")}
        </button>
      </div>
      {state.data ? (
        state.data.items.length === 0 ? (
          <p className="muted">{t("disclosures.form.noneFound")}</p>
        ) : (
          <ul className="plain">
            {state.data.items
              .filter((c) => !chosen.some((x) => x.id === c.id))
              .map((c) => (
                <li key={c.id}>
                  {c.name} <span className="muted small">{c.customerNumber}</span>{" "}
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => onChange([...chosen, { id: c.id, name: c.name, customerNumber: c.customerNumber }])}
                    data-testid="order-customer-add"
                  >
                    {t("disclosures.form.add")}
                  </button>
                </li>
              ))}
          </ul>
        )
      ) : null}
    </fieldset>
  );
}
