import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { usePagedList } from "../../../api/pages";
import { PagedList } from "../../../components/PagedList";
import { PageHeader } from "../../../components/PageHeader";
import { CalendarFeedCard } from "../../../components/obligations/CalendarFeedCard";
import { KNOWN_OBLIGATION_KINDS, obligationKindText } from "../../../components/obligations/ObligationKindLabel";
import { ObligationsTable } from "../../../components/obligations/ObligationsTable";
import { areaBase, type Area } from "../../../lib/area";

const PAGE = 50;

/**
 * Deadlines. Portal: the customer's windows and what the processor owes it. Back-office: the
 * dashboard of every customer's deadlines, overdue first (the server's order), filterable and
 * searchable by customer, a page at a time (keyset). Filters live in the URL.
 */
export function ObligationsPage({ area }: { area: Area }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const all = params.get("status") === "all";
  const kind = area === "admin" ? (params.get("kind") ?? "") : "";
  const mine = area === "admin" && params.get("mine") === "1";
  const q = area === "admin" ? (params.get("q") ?? "") : "";
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  const { pages, state } = usePagedList([all, kind, mine, q], (page) =>
    unwrap(
      api.GET("/api/v1/obligations", {
        params: {
          query: { status: all ? "all" : "open", limit: PAGE, ...page, ...(kind ? { kind } : {}), ...(mine ? { mine: true } : {}), ...(q ? { q } : {}) },
        },
      }),
    ),
  );

  function update(next: { all?: boolean; kind?: string; mine?: boolean; q?: string }) {
    const merged = { all, kind, mine, q, ...next };
    const out = new URLSearchParams();
    if (merged.all) {
      out.set("status", "all");
    }
    if (merged.kind) {
      out.set("kind", merged.kind);
    }
    if (merged.mine) {
      out.set("mine", "1");
    }
    if (merged.q) {
      out.set("q", merged.q);
    }
    setParams(out);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    update({ q: search.trim() });
  }

  const seenKinds = new Set<string>([...KNOWN_OBLIGATION_KINDS, ...(state.data?.items.map((o) => o.kind) ?? []), ...(kind ? [kind] : [])]);
  return (
    <>
      <PageHeader title={t("obligations.title")} subtitle={area === "portal" ? t("obligations.portalIntro") : t("obligations.staffIntro")} />
      <form noValidate className="filters" role="search" onSubmit={submit}>
        {area === "admin" ? (
          <>
            <div className="field">
              <label htmlFor="obligation-search">{t("obligations.search")}</label>
              <input
                id="obligation-search"
                type="search"
                value={search}
                maxLength={100}
                onChange={(e) => setSearch(e.target.value)}
                data-testid="obligations-search"
              />
            </div>
            <button type="submit" className="btn">
              {t("common.search")}
            </button>
          </>
        ) : null}
        <div className="field">
          <label htmlFor="obligation-status">{t("obligations.statusFilter")}</label>
          <select
            id="obligation-status"
            value={all ? "all" : "open"}
            onChange={(e) => update({ all: e.target.value === "all" })}
            data-testid="obligations-status-filter"
          >
            <option value="open">{t("obligations.open")}</option>
            <option value="all">{t("obligations.all")}</option>
          </select>
        </div>
        {area === "admin" ? (
          <>
            <div className="field">
              <label htmlFor="obligation-kind">{t("obligations.kindFilter")}</label>
              <select id="obligation-kind" value={kind} onChange={(e) => update({ kind: e.target.value })} data-testid="obligations-kind-filter">
                <option value="">{t("obligations.allKinds")}</option>
                {[...seenKinds].map((k) => (
                  <option key={k} value={k}>
                    {obligationKindText(t, k)}
                  </option>
                ))}
              </select>
            </div>
            <label className="checkbox-inline">
              <input type="checkbox" checked={mine} onChange={(e) => update({ mine: e.target.checked })} data-testid="obligations-mine" />
              {t("obligations.mine")}
            </label>
          </>
        ) : null}
      </form>
      <section className="card">
        <PagedList state={state} pages={pages} limit={PAGE} empty={all ? t("obligations.none") : t("obligations.noneOpen")} emptyTestId="obligations-empty">
          {(items) => <ObligationsTable obligations={items} linkTo={(o) => `${areaBase(area)}/obligations/${o.id}`} showCustomer={area === "admin"} />}
        </PagedList>
      </section>
      <CalendarFeedCard />
    </>
  );
}
