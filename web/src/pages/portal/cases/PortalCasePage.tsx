import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { CaseHeadline, CaseThread, EntriesTable, EstimatesList, RequestFacts } from "../../../components/cases/CaseParts";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { formatEuros } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { useMe } from "../../../session";

/** One request as the customer sees it: what it asked, the estimate to accept or decline, the conversation and the deliverable. */
export function PortalCasePage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { id = "" } = useParams();
  const me = useMe();
  const canWrite = me.customerRole === "owner" || me.customerRole === "privacy_contact";
  const path = { params: { path: { id } } };
  const state = useApi(() => unwrap(api.GET("/api/v1/cases/{id}", path)), [id]);
  const decide = useAction((accept: boolean, estimateId: string) =>
    unwrap(
      accept
        ? api.POST("/api/v1/cases/{id}/estimate/accept", { ...path, body: { estimateId } })
        : api.POST("/api/v1/cases/{id}/estimate/decline", { ...path, body: { estimateId } }),
    ),
  );

  async function onDecide(accept: boolean, estimateId: string) {
    const result = await decide.execute(accept, estimateId);
    if (result.ok) {
      state.setData(result.value);
    }
  }

  return (
    <Loaded state={state}>
      {(detail) => {
        const proposed = detail.estimates.find((e) => e.status === "proposed");
        return (
          <>
            <PageHeader title={detail.title} subtitle={<CaseHeadline detail={detail} />} actions={<Link to="/portal/cases">{t("cases.back")}</Link>} />
            <section className="card">
              <h2>{t("cases.request")}</h2>
              <RequestFacts detail={detail} />
              {detail.outcomeNote ? <p className="prewrap">{detail.outcomeNote}</p> : null}
              {detail.kind === "instruction" && detail.outcome === "accepted" ? (
                <p>
                  <Link to="/portal" data-testid="instruction-annex-link">
                    {t("cases.instruction.seeAnnex")}
                  </Link>
                </p>
              ) : null}
            </section>
            {detail.costs ? (
              <section className="card" data-testid="case-estimate">
                <h2>{t("cases.estimate.title")}</h2>
                <EstimatesList detail={detail} />
                {proposed && detail.status === "estimated" && canWrite ? (
                  <>
                    <p>{t("cases.estimate.decide")}</p>
                    <ErrorAlert error={decide.error} />
                    <div className="form-actions">
                      <button
                        type="button"
                        className="btn btn-primary"
                        disabled={decide.busy}
                        onClick={() => void onDecide(true, proposed.id)}
                        data-testid="estimate-accept"
                      >
                        {t("cases.estimate.accept")} ({formatEuros(proposed.totalCents, lang)})
                      </button>
                      <button
                        type="button"
                        className="btn"
                        disabled={decide.busy}
                        onClick={() => void onDecide(false, proposed.id)}
                        data-testid="estimate-decline"
                      >
                        {t("cases.estimate.decline")}
                      </button>
                    </div>
                  </>
                ) : null}
                <h3>{t("cases.entries.title")}</h3>
                <EntriesTable detail={detail} />
              </section>
            ) : null}
            <section className="card">
              <h2>{t("cases.thread")}</h2>
              <CaseThread detail={detail} canWrite={canWrite} />
            </section>
          </>
        );
      }}
    </Loaded>
  );
}
