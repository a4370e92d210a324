import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { usePagedList } from "../../../api/pages";
import { PagedList } from "../../../components/PagedList";
import { useApi } from "../../../api/useApi";
import { Notice } from "../../../components/ErrorAlert";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { LocationsTable } from "../../../components/subprocessors/LocationsTable";
import { SubprocessorStatusBadge } from "../../../components/subprocessors/badges";
import { useLang } from "../../../lib/useLang";
import { canStaffWrite, useMe } from "../../../session";
import { ChangesTable } from "./ChangesTable";
import { ContractCard } from "./ContractCard";

/** The announced changes a page at a time (keyset). */
const CHANGE_PAGE = 50;

/** One sub-processor: what it does, where (with transfer grounds), for which services, its contract and its changes. */
export function SubprocessorPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const me = useMe();
  const { id = "" } = useParams();
  const location = useLocation();
  const created = (location.state as { created?: string } | null)?.created;
  const state = useApi(() => unwrap(api.GET("/api/v1/subprocessors/{id}", { params: { path: { id } } })), [id]);
  const { pages: changePages, state: changes } = usePagedList([id], (page) =>
    unwrap(api.GET("/api/v1/subprocessor-changes", { params: { query: { subprocessorId: id, limit: CHANGE_PAGE, ...page } } })),
  );
  const writer = canStaffWrite(me);
  return (
    <Loaded state={state}>
      {(sub) => (
        <>
          <p className="breadcrumb">
            <Link to="/admin/subprocessors">{t("subprocessors.back")}</Link>
          </p>
          <PageHeader
            title={sub.name}
            subtitle={sub.activity[lang]}
            badge={<SubprocessorStatusBadge status={sub.status} />}
            actions={
              writer && !sub.pendingChangeId && sub.status !== "removed" ? (
                <Link className="btn btn-primary" to={`/admin/subprocessors/changes/new?subprocessorId=${sub.id}`} data-testid="subprocessor-announce">
                  {t("subprocessors.announceFor")}
                </Link>
              ) : sub.pendingChangeId ? (
                <Link className="btn" to={`/admin/subprocessors/changes/${sub.pendingChangeId}`}>
                  {t("subprocessors.pendingChange")}
                </Link>
              ) : null
            }
          />
          {created ? (
            <Notice tone="success" testId="subprocessor-created">
              {t("subprocessors.created", { name: created })}
            </Notice>
          ) : null}
          <div className="two-col two-col-even">
            <section className="card" aria-labelledby="sub-facts">
              <h2 id="sub-facts">{t("subprocessors.activity")}</h2>
              <dl className="facts">
                <div>
                  <dt>{t("subprocessors.activityNl")}</dt>
                  <dd>{sub.activity.nl}</dd>
                </div>
                <div>
                  <dt>{t("subprocessors.activityEn")}</dt>
                  <dd>{sub.activity.en}</dd>
                </div>
                <div>
                  <dt>{t("subprocessors.website")}</dt>
                  <dd>
                    {sub.website ? (
                      <a href={sub.website} rel="noreferrer noopener" target="_blank">
                        {sub.website}
                      </a>
                    ) : (
                      "—"
                    )}
                  </dd>
                </div>
                <div>
                  <dt>{t("subprocessors.services")}</dt>
                  <dd data-testid="subprocessor-services-list">
                    {sub.services.map((s) => (lang === "en" ? s.en : s.nl)).join(", ") || t("subprocessors.noServices")}
                  </dd>
                </div>
              </dl>
            </section>
            <ContractCard subprocessor={sub} writer={writer} onUploaded={state.reload} />
          </div>
          <section className="card" aria-labelledby="sub-locations">
            <h2 id="sub-locations">{t("subprocessors.locations")}</h2>
            <LocationsTable locations={sub.locations} />
          </section>
          <section className="card" aria-labelledby="sub-changes">
            <h2 id="sub-changes">{t("subprocessors.changesOf")}</h2>
            <PagedList state={changes} pages={changePages} limit={CHANGE_PAGE} empty={t("changes.none")}>
              {(items) => <ChangesTable changes={items} />}
            </PagedList>
          </section>
        </>
      )}
    </Loaded>
  );
}
