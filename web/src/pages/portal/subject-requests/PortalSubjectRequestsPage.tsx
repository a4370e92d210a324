import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { unwrapPage, usePagedList } from "../../../api/pages";
import { useAction, useApi } from "../../../api/useApi";
import { PagedList } from "../../../components/PagedList";
import type { SubjectRequestDetail } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { SelectField, TextAreaField } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { SubjectRequestContent, SubjectRequestStatus, SubjectRequestsTable } from "../../../components/subject-requests/SubjectRequestParts";
import { formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { useMe } from "../../../session";

const PAGE = 50;

/** The data subjects' requests forwarded to this customer (art. 8.1), newest first, a page at a time (keyset). */
export function PortalSubjectRequestsPage() {
  const { t } = useTranslation();
  const { pages, state } = usePagedList([], (page) => unwrapPage(api.GET("/api/v1/subject-requests", { params: { query: { limit: PAGE, ...page } } })));
  return (
    <>
      <PageHeader title={t("subjectRequests.portalTitle")} subtitle={t("subjectRequests.portalIntro")} />
      <section className="card">
        <PagedList state={state} pages={pages} limit={PAGE} empty={t("subjectRequests.none")} emptyTestId="subject-requests-empty">
          {(items) => <SubjectRequestsTable list={items} base="/portal/subject-requests" staff={false} />}
        </PagedList>
      </section>
    </>
  );
}

const OUTCOMES = ["handled", "not_ours", "forwarded_elsewhere"] as const;

/** One forwarded request: what the data subject wrote, and what the customer did with it. */
export function PortalSubjectRequestPage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const { id = "" } = useParams();
  const me = useMe();
  const canWrite = me.customerRole === "owner" || me.customerRole === "privacy_contact";
  const state = useApi(() => unwrap(api.GET("/api/v1/subject-requests/{id}", { params: { path: { id } } })), [id]);
  return (
    <Loaded state={state}>
      {(detail) => (
        <>
          <PageHeader
            title={`${detail.reference}: ${pick(detail.rightLabel.nl, detail.rightLabel.en)}`}
            subtitle={<SubjectRequestStatus status={detail.status} />}
            actions={<Link to="/portal/subject-requests">{t("subjectRequests.portalTitle")}</Link>}
          />
          <SubjectRequestContent detail={detail} />
          <section className="card">
            <h2>{t("subjectRequests.outcome.title")}</h2>
            {detail.outcome && detail.outcomeLabel ? (
              <p data-testid="subject-request-outcome">
                {t("subjectRequests.outcome.recorded", { outcome: pick(detail.outcomeLabel.nl, detail.outcomeLabel.en), at: formatInstant(detail.closedAt) })}
              </p>
            ) : canWrite && detail.status === "forwarded" ? (
              <OutcomeForm detail={detail} onDone={state.setData} />
            ) : null}
            {detail.outcomeNote ? <p className="prewrap">{detail.outcomeNote}</p> : null}
            <p className="small muted">
              {t("subjectRequests.outcome.help")}{" "}
              <Link
                to={`/portal/cases/new?kind=subject_request_help&subjectRequest=${encodeURIComponent(detail.reference)}`}
                data-testid="subject-request-help"
              >
                {t("cases.newRequest")}
              </Link>
            </p>
          </section>
        </>
      )}
    </Loaded>
  );
}

function OutcomeForm({ detail, onDone }: { detail: SubjectRequestDetail; onDone: (d: SubjectRequestDetail) => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>("handled");
  const [note, setNote] = useState("");
  const send = useAction(() => unwrap(api.POST("/api/v1/subject-requests/{id}/outcome", { params: { path: { id: detail.id } }, body: { outcome, note } })));
  const fields = send.error?.fieldMessages() ?? {};
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await send.execute();
    if (result.ok) {
      onDone(result.value);
    }
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="subject-request-outcome-form">
      <ErrorAlert error={send.error && Object.keys(fields).length === 0 ? send.error : undefined} />
      <SelectField
        label={t("subjectRequests.outcome.label")}
        value={outcome}
        onChange={setOutcome}
        options={OUTCOMES.map((o) => ({ value: o, label: t(`subjectRequests.outcome.options.${o}`) }))}
        error={fields.outcome}
        testId="sr-outcome"
      />
      <TextAreaField label={t("subjectRequests.outcome.note")} value={note} onChange={setNote} rows={3} error={fields.note} testId="sr-outcome-note" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={send.busy} data-testid="sr-outcome-submit">
          {t("subjectRequests.outcome.submit")}
        </button>
      </div>
    </form>
  );
}
