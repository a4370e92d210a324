import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { CaseHeadline, CaseThread, EntriesTable, EstimatesList, RequestFacts } from "../../../components/cases/CaseParts";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { TextField } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { Tabs, useTabParam } from "../../../components/Tabs";
import { useMe } from "../../../session";
import { CloseForm, EntryForm, EstimateForm, MeasuresAnswerForm } from "./CaseForms";
import { InstructionAcceptForm, InstructionWarningForm } from "./InstructionForms";

const TABS = ["request", "thread", "costs", "close"] as const;

/** One request in the back-office: what was asked and its clock, the thread, the estimate, time and costs, and closing it. */
export function CasePage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const me = useMe();
  const canWrite = me.staffRole === "admin" || me.staffRole === "privacy_officer";
  const path = { params: { path: { id } } };
  const state = useApi(() => unwrap(api.GET("/api/v1/cases/{id}", path)), [id]);
  const [tab, setTab] = useTabParam(TABS);
  const [voiding, setVoiding] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const voidEntry = useAction((entryId: string) =>
    unwrap(api.POST("/api/v1/cases/{id}/entries/{entryId}/void", { params: { path: { id, entryId } }, body: { reason } })),
  );

  return (
    <Loaded state={state}>
      {(detail) => {
        const ended = detail.status === "closed" || detail.status === "declined";
        return (
          <>
            <PageHeader
              title={`${detail.customerName}: ${detail.title}`}
              subtitle={<CaseHeadline detail={detail} />}
              actions={<Link to="/admin/cases">{t("cases.back")}</Link>}
            />
            <Tabs
              label={detail.title}
              tabs={TABS.filter((k) => (k === "close" ? canWrite && !ended : k === "costs" ? detail.costs : true)).map((key) => ({
                key,
                label:
                  key === "request"
                    ? t("cases.requestStaff")
                    : key === "thread"
                      ? t("cases.thread")
                      : key === "costs"
                        ? t("cases.entries.title")
                        : t("cases.close.title"),
                testId: `case-tab-${key}`,
              }))}
              selected={tab}
              onSelect={setTab}
              panels={{
                request: (
                  <section className="card">
                    <RequestFacts detail={detail} />
                    {detail.outcomeNote ? <p className="prewrap">{detail.outcomeNote}</p> : null}
                  </section>
                ),
                thread: (
                  <section className="card">
                    <CaseThread detail={detail} canWrite={canWrite} />
                  </section>
                ),
                costs: (
                  <section className="card">
                    <h2>{t("cases.estimate.title")}</h2>
                    <EstimatesList detail={detail} />
                    {canWrite && (detail.status === "open" || detail.status === "estimated") ? <EstimateForm detail={detail} onDone={state.setData} /> : null}
                    <h2>{t("cases.entries.title")}</h2>
                    <EntriesTable detail={detail} onVoid={canWrite ? setVoiding : undefined} />
                    {voiding ? (
                      <form
                        noValidate
                        onSubmit={(e) => {
                          e.preventDefault();
                          void voidEntry.execute(voiding).then((result) => {
                            if (result.ok) {
                              setVoiding(null);
                              setReason("");
                              state.setData(result.value);
                            }
                          });
                        }}
                        data-testid="void-form"
                      >
                        <ErrorAlert error={voidEntry.error} />
                        <TextField label={t("cases.entries.voidReason")} value={reason} onChange={setReason} required maxLength={1000} testId="void-reason" />
                        <div className="form-actions">
                          <button type="submit" className="btn" disabled={voidEntry.busy} data-testid="void-submit">
                            {t("cases.entries.void")}
                          </button>
                        </div>
                      </form>
                    ) : null}
                    {canWrite && detail.status !== "closed" ? <EntryForm detail={detail} onDone={state.setData} /> : null}
                  </section>
                ),
                close:
                  canWrite && !ended ? (
                    <section className="card">
                      {detail.kind === "measures_question" ? (
                        <>
                          <MeasuresAnswerForm
                            detail={detail}
                            onDone={(d) => {
                              state.setData(d);
                              setTab("thread");
                            }}
                          />
                          <h2>{t("cases.measures.otherwise")}</h2>
                        </>
                      ) : null}
                      {detail.kind === "instruction" ? (
                        <>
                          <InstructionAcceptForm
                            detail={detail}
                            onDone={(d) => {
                              state.setData(d);
                              setTab("request");
                            }}
                          />
                          <InstructionWarningForm
                            detail={detail}
                            onDone={(d) => {
                              state.setData(d);
                              setTab("request");
                            }}
                          />
                          <h2>{t("cases.instruction.otherwise")}</h2>
                        </>
                      ) : null}
                      <CloseForm
                        detail={detail}
                        onDone={(d) => {
                          state.setData(d);
                          setTab("request");
                        }}
                      />
                    </section>
                  ) : null,
              }}
            />
          </>
        );
      }}
    </Loaded>
  );
}
