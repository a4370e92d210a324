import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { unwrapPage, usePagedList } from "../../../api/pages";
import { useAction } from "../../../api/useApi";
import { PagedList } from "../../../components/PagedList";
import type { BillableItem } from "../../../api/types";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { SelectField, TextField, validLocally } from "../../../components/fields";
import { PageHeader } from "../../../components/PageHeader";
import { formatEuros, formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { instantToLocal } from "../../../lib/zoned";

type State = "unexported" | "exported" | "all";
const PAGE = 200;
const EXPORT_PAGE = 50;
export const billingExportCsvUrl = (id: string) => `/api/v1/billable-items/exports/${encodeURIComponent(id)}/csv`;

/** The billable items of finished requests per period, exported once to the billing system (admin, privacy officer). */
export function BillingPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const today = instantToLocal(new Date().toISOString()).slice(0, 10);
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [which, setWhich] = useState<State>("unexported");
  const [query, setQuery] = useState({ from, to, state: which });
  const { pages, state: items } = usePagedList([query.from, query.to, query.state], (page) =>
    unwrapPage(api.GET("/api/v1/billable-items", { params: { query: { ...query, limit: PAGE, ...page } } })),
  );
  const { pages: exportPages, state: exports } = usePagedList([], (page) =>
    unwrapPage(api.GET("/api/v1/billable-items/exports", { params: { query: { limit: EXPORT_PAGE, ...page } } })),
  );
  const [done, setDone] = useState<string | null>(null);
  const run = useAction(() => unwrap(api.POST("/api/v1/billable-items/exports", { body: { from: query.from, to: query.to } })));
  const fields = items.error?.fieldMessages() ?? {};

  function show(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (validLocally(event)) {
      setQuery({ from, to, state: which });
    }
  }
  async function exportNow() {
    const result = await run.execute();
    if (result.ok) {
      setDone(t("cases.billing.exported", { count: result.value.itemCount, total: formatEuros(result.value.totalCents, lang) }));
      items.reload();
      exports.reload();
    }
  }

  return (
    <>
      <PageHeader title={t("cases.billing.title")} subtitle={t("cases.billing.intro")} />
      <section className="card">
        <form noValidate className="filters" onSubmit={show} data-testid="billing-period">
          <TextField label={t("cases.billing.from")} type="date" value={from} onChange={setFrom} required error={fields.from} testId="billing-from" />
          <TextField label={t("cases.billing.to")} type="date" value={to} onChange={setTo} required error={fields.to} testId="billing-to" />
          <SelectField
            label={t("cases.billing.state")}
            value={which}
            onChange={setWhich}
            options={(["unexported", "exported", "all"] as const).map((s) => ({ value: s, label: t(`cases.billing.states.${s}`) }))}
            testId="billing-state"
          />
          <div className="form-actions">
            <button type="submit" className="btn" data-testid="billing-show">
              {t("cases.billing.show")}
            </button>
            <button type="button" className="btn btn-primary" disabled={run.busy} onClick={() => void exportNow()} data-testid="billing-export">
              {t("cases.billing.export")}
            </button>
          </div>
        </form>
        <ErrorAlert error={run.error} />
        {done ? (
          <Notice tone="success" testId="billing-exported">
            {done}
          </Notice>
        ) : null}
        <PagedList state={items} pages={pages} limit={PAGE} empty={t("cases.billing.none")} emptyTestId="billing-empty">
          {(list) => <ItemsTable items={list} />}
        </PagedList>
      </section>
      <section className="card">
        <h2>{t("cases.billing.exports")}</h2>
        <PagedList state={exports} pages={exportPages} limit={EXPORT_PAGE} empty={t("cases.billing.noExports")}>
          {(list) => (
            <div className="table-wrap">
              <table className="table" data-testid="exports-table">
                <thead>
                  <tr>
                    <th scope="col">{t("cases.billing.period")}</th>
                    <th scope="col" className="num">
                      {t("cases.billing.items")}
                    </th>
                    <th scope="col" className="num">
                      {t("cases.billing.total")}
                    </th>
                    <th scope="col">{t("cases.billing.by")}</th>
                    <th scope="col">{t("cases.billing.csv")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((e) => (
                    <tr key={e.id} data-testid="export-row" data-count={e.itemCount}>
                      <td className="nowrap">
                        {e.periodFrom} – {e.periodTo}
                      </td>
                      <td className="num">{e.itemCount}</td>
                      <td className="num nowrap">{formatEuros(e.totalCents, lang)}</td>
                      <td className="small">
                        {e.createdByName} · {formatInstant(e.createdAt)}
                      </td>
                      <td>
                        <a href={billingExportCsvUrl(e.id)} download data-testid="export-csv">
                          {t("cases.billing.csv")}
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </PagedList>
      </section>
    </>
  );
}

function ItemsTable({ items }: { items: BillableItem[] }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="billing-items">
        <thead>
          <tr>
            <th scope="col">{t("cases.reference")}</th>
            <th scope="col">{t("cases.customer")}</th>
            <th scope="col">{t("cases.entries.type")}</th>
            <th scope="col">{t("cases.entries.description")}</th>
            <th scope="col">{t("cases.entries.date")}</th>
            <th scope="col" className="num">
              {t("cases.entries.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} data-testid="billing-item" data-exported={i.exportId ? "yes" : "no"}>
              <td className="nowrap">
                <Link to={`/admin/cases/${i.caseId}`}>{i.caseReference}</Link>
              </td>
              <td>{i.customerName}</td>
              <td>{t(`cases.entries.types.${i.type}`)}</td>
              <td>
                {i.description}
                {i.creditsId ? <span className="muted small"> ({t("cases.billing.credits", { id: i.creditsId.slice(0, 8) })})</span> : null}
              </td>
              <td className="nowrap">{i.workDate}</td>
              <td className="num nowrap">{formatEuros(i.amountCents, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
