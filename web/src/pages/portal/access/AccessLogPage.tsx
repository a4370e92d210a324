import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { accessLogCsvUrl, api, unwrap } from "../../../api/client";
import { useCursorPages } from "../../../api/pages";
import { useApi } from "../../../api/useApi";
import { KeysetPager } from "../../../components/KeysetPager";
import { TextField } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";

const PAGE = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A local date (YYYY-MM-DD) as the instant its day starts in the browser's zone; `nextDay` for an inclusive end. */
function startOf(date: string, nextDay = false): string | undefined {
  if (!DATE.test(date)) {
    return undefined;
  }
  const [y, m, d] = date.split("-").map(Number);
  const at = new Date(y ?? 0, (m ?? 1) - 1, (d ?? 1) + (nextDay ? 1 : 0));
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/**
 * art. 9.1, the customer's side: who at the processor looked at its personal data, when, what and
 * why (their role, their assignment, or a break glass with its reason), filtered by period and
 * exportable as CSV. The period lives in the URL; the pages follow the server's cursor.
 */
export function AccessLogPage({ controllerId, back }: { controllerId?: string; back?: ReactNode } = {}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const [fromInput, setFromInput] = useState(from);
  const [toInput, setToInput] = useState(to);
  useEffect(() => setFromInput(from), [from]);
  useEffect(() => setToInput(to), [to]);
  const period = { from: startOf(from), to: startOf(to, true) };
  const query = { ...(controllerId ? { controllerId } : {}), ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) };
  const pages = useCursorPages(JSON.stringify([controllerId, from, to]));
  const log = useApi(
    () => unwrap(api.GET("/api/v1/access-log", { params: { query: { ...query, limit: PAGE, ...(pages.after ? { after: pages.after } : {}) } } })),
    [controllerId, from, to, pages.after],
  );

  function update(next: { from?: string; to?: string }) {
    const merged = { from, to, ...next };
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries(merged)) {
      if (value) {
        out.set(key, String(value));
      }
    }
    setParams(out);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    update({ from: fromInput, to: toInput });
  }

  return (
    <>
      {back}
      <PageHeader
        title={controllerId ? t("access.log.staffTitle") : t("access.log.title")}
        subtitle={controllerId ? t("access.log.staffIntro") : t("access.log.intro")}
        actions={
          <a className="btn" href={accessLogCsvUrl(query)} download data-testid="access-log-export">
            {t("access.log.export")}
          </a>
        }
      />
      <p className="muted small">{t("access.log.honest")}</p>
      <form noValidate className="filters" onSubmit={submit}>
        <TextField type="date" label={t("access.log.from")} value={fromInput} onChange={setFromInput} testId="access-log-from" />
        <TextField type="date" label={t("access.log.to")} value={toInput} onChange={setToInput} testId="access-log-to" />
        <button type="submit" className="btn" data-testid="access-log-filter">
          {t("access.log.filter")}
        </button>
      </form>
      <Loaded state={log}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted" data-testid="access-log-none">
              {t("access.log.none")}
            </p>
          ) : (
            <>
              <p data-testid="access-log-total">
                {page.totalExact ? t("access.log.total", { count: page.total }) : t("access.log.totalMore", { count: page.total })}
              </p>
              <div className="table-wrap">
                <table className="table" data-testid="access-log">
                  <thead>
                    <tr>
                      <th scope="col">{t("access.log.when")}</th>
                      <th scope="col">{t("access.log.who")}</th>
                      <th scope="col">{t("access.log.what")}</th>
                      <th scope="col">{t("access.log.why")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((item) => (
                      <tr key={item.id} data-testid="access-log-row" data-why={item.why}>
                        <td>{formatInstant(item.at)}</td>
                        <td>
                          {item.userName}
                          <div className="muted small">{item.roleLabel[lang]}</div>
                        </td>
                        <td>{item.whatLabel[lang]}</td>
                        <td>
                          {item.why === "break_glass" ? <span className="badge badge-warning">{item.whyLabel[lang]}</span> : item.whyLabel[lang]}
                          {item.reason ? (
                            <div className="small" data-testid="access-log-reason">
                              {t("access.log.reason", { reason: item.reason })}
                            </div>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <KeysetPager pages={pages} limit={PAGE} shown={page.items.length} next={page.next} total={page.total} totalExact={page.totalExact} />
            </>
          )
        }
      </Loaded>
    </>
  );
}
