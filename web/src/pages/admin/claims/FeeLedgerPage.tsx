import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { SelectField } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { formatDate, formatEuros, formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";

/** art. 11.1: the fee ledger: billing's CSV imported all or nothing, and one customer's months beside the fallback fees Art28 holds. */
export function FeeLedgerPage() {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const [text, setText] = useState<string | null>(null);
  const [controllerId, setControllerId] = useState("");
  const [imported, setImported] = useState<{ entries: number; customers: number } | null>(null);
  const customers = useApi(() => unwrap(api.GET("/api/v1/controllers", { params: { query: { offset: 0, limit: 100 } } })), []);
  const ledger = useApi(
    () => (controllerId ? unwrap(api.GET("/api/v1/controllers/{id}/fee-ledger", { params: { path: { id: controllerId } } })) : Promise.resolve(null)),
    [controllerId],
  );
  const upload = useAction(() =>
    unwrap(
      api.POST("/api/v1/fee-ledger.csv", {
        params: { query: { dryRun: false } },
        body: text ?? "",
        headers: { "content-type": "text/csv" },
        bodySerializer: (body: string) => body,
      }),
    ),
  );
  return (
    <>
      <PageHeader title={t("claims.ledger.title")} subtitle={t("claims.ledger.intro")} />
      <section className="card">
        <form
          noValidate
          aria-label={t("claims.ledger.import")}
          onSubmit={(e) => {
            e.preventDefault();
            setImported(null);
            void upload.execute().then((r) => {
              if (r.ok) {
                setImported(r.value);
                ledger.reload();
              }
            });
          }}
        >
          {imported ? (
            <Notice tone="success" testId="ledger-imported">
              {t("claims.ledger.imported", { entries: imported.entries, customers: imported.customers })}
            </Notice>
          ) : null}
          <ErrorAlert error={upload.error} testId="ledger-error" />
          {upload.error && upload.error.fields.length > 0 ? (
            <ul className="small" data-testid="ledger-errors">
              {upload.error.fields.map((f, i) => (
                <li key={i}>
                  {f.field}: {f.message}
                </li>
              ))}
            </ul>
          ) : null}
          <label className="field">
            <span>{t("claims.ledger.file")}</span>
            <input type="file" accept=".csv,text/csv" data-testid="ledger-file" onChange={(e) => void e.target.files?.[0]?.text().then(setText)} />
          </label>
          <button type="submit" className="btn btn-primary" disabled={upload.busy || text === null} data-testid="ledger-import">
            {t("claims.ledger.import")}
          </button>
        </form>
      </section>
      <section className="card">
        <Loaded state={customers}>
          {(page) => (
            <SelectField
              label={t("claims.ledger.customer")}
              value={controllerId}
              onChange={setControllerId}
              testId="ledger-customer"
              options={[{ value: "", label: t("claims.ledger.choose") }, ...page.items.map((c) => ({ value: c.id, label: c.name }))]}
            />
          )}
        </Loaded>
        <Loaded state={ledger}>
          {(view) =>
            view === null ? null : (
              <>
                {view.entries.length === 0 ? (
                  <p className="muted">{t("claims.ledger.none")}</p>
                ) : (
                  <table className="table" data-testid="ledger-table">
                    <thead>
                      <tr>
                        <th scope="col">{t("claims.ledger.month")}</th>
                        <th scope="col">{t("claims.ledger.amount")}</th>
                        <th scope="col">{t("claims.ledger.description")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {view.entries.map((e) => (
                        <tr key={e.month}>
                          <td>{e.month}</td>
                          <td className="nowrap">{formatEuros(e.amountCents, lang)}</td>
                          <td className="small">
                            {e.description ?? ""} <span className="muted">{formatInstant(e.importedAt)}</span>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                <h2 className="h3">{t("claims.ledger.held")}</h2>
                <p className="muted small">{pick(view.fallbackLabel.nl, view.fallbackLabel.en)}</p>
                <ul className="plain small" data-testid="ledger-held">
                  {view.heldFees.map((f, i) => (
                    <li key={i}>
                      {f.service}: {formatEuros(f.monthlyFeeCents, lang)} ({t("claims.ledger.since")} {formatDate(f.since)})
                    </li>
                  ))}
                </ul>
              </>
            )
          }
        </Loaded>
      </section>
    </>
  );
}
