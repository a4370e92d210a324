import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../../api/client";
import { unwrapPage, usePagedList } from "../../../api/pages";
import { PagedList } from "../../../components/PagedList";
import { CaseStatusBadge, ClockBadge } from "../../../components/cases/CaseParts";
import { PageHeader } from "../../../components/PageHeader";
import { formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { useMe } from "../../../session";

const PAGE = 50;

/** The customer's requests to the processor (art. 2.4 and the kinds after it), newest first, a page at a time (keyset). */
export function PortalCasesPage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const me = useMe();
  const { pages, state } = usePagedList([], (page) => unwrapPage(api.GET("/api/v1/cases", { params: { query: { limit: PAGE, ...page } } })));
  const canAsk = me.customerRole === "owner" || me.customerRole === "privacy_contact";
  return (
    <>
      <PageHeader
        title={t("cases.portalTitle")}
        subtitle={t("cases.portalIntro")}
        actions={
          canAsk ? (
            <Link to="/portal/cases/new" className="btn btn-primary" data-testid="case-new">
              {t("cases.newRequest")}
            </Link>
          ) : undefined
        }
      />
      <section className="card">
        <PagedList state={state} pages={pages} limit={PAGE} empty={t("cases.none")} emptyTestId="cases-empty">
          {(list) => (
            <div className="table-wrap">
              <table className="table" data-testid="cases-table">
                <thead>
                  <tr>
                    <th scope="col">{t("cases.reference")}</th>
                    <th scope="col">{t("cases.title")}</th>
                    <th scope="col">{t("cases.kind")}</th>
                    <th scope="col">{t("cases.status")}</th>
                    <th scope="col">{t("cases.askedAt")}</th>
                    <th scope="col">{t("cases.dueAt")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((c) => (
                    <tr key={c.id} data-testid="case-row" data-reference={c.reference}>
                      <td className="nowrap">
                        <Link to={`/portal/cases/${c.id}`} data-testid="case-open">
                          {c.reference}
                        </Link>
                      </td>
                      <td>
                        <Link to={`/portal/cases/${c.id}`}>{c.title}</Link>
                      </td>
                      <td className="small">{pick(c.kindLabel.nl, c.kindLabel.en)}</td>
                      <td>
                        <CaseStatusBadge status={c.status} />
                      </td>
                      <td className="small nowrap">{formatInstant(c.askedAt)}</td>
                      <td className="small nowrap">
                        {formatInstant(c.dueAt)} <ClockBadge clock={c.clock} />
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
