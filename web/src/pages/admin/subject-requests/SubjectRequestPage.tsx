import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import type { SubjectRequestDetail } from "../../../api/types";
import { ClockBadge } from "../../../components/cases/CaseParts";
import { SearchForm } from "../../../components/SearchForm";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { CheckboxField } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { SubjectRequestContent, SubjectRequestStatus } from "../../../components/subject-requests/SubjectRequestParts";
import { formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";

/** One data subject's request for the privacy staff: what was written, and forwarding it to its customer or recording it is none of ours. */
export function SubjectRequestPage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const { id = "" } = useParams();
  const state = useApi(() => unwrap(api.GET("/api/v1/subject-requests/{id}", { params: { path: { id } } })), [id]);
  return (
    <Loaded state={state}>
      {(detail) => (
        <>
          <PageHeader
            title={`${detail.reference}: ${pick(detail.rightLabel.nl, detail.rightLabel.en)}`}
            subtitle={
              <>
                <SubjectRequestStatus status={detail.status} /> {t("subjectRequests.dueAt")} {formatInstant(detail.dueAt)} <ClockBadge clock={detail.clock} />
                {detail.customerName ? ` · ${detail.customerName}` : null}
                {detail.outcomeLabel ? ` · ${pick(detail.outcomeLabel.nl, detail.outcomeLabel.en)}` : null}
              </>
            }
            actions={<Link to="/admin/subject-requests">{t("subjectRequests.adminTitle")}</Link>}
          />
          <SubjectRequestContent detail={detail} />
          {detail.status === "received" ? (
            <>
              <ForwardForm detail={detail} onDone={state.setData} />
              <NotOursForm detail={detail} onDone={state.setData} />
            </>
          ) : null}
        </>
      )}
    </Loaded>
  );
}

/** Forward to a proposed customer, or one found by name or number. */
function ForwardForm({ detail, onDone }: { detail: SubjectRequestDetail; onDone: (d: SubjectRequestDetail) => void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(detail.proposals.length === 1 ? (detail.proposals[0]?.controllerId ?? "") : "");
  const [tell, setTell] = useState(detail.content?.email != null);
  const [applied, setApplied] = useState("");
  const found = useApi(
    () => (applied ? unwrap(api.GET("/api/v1/controllers", { params: { query: { search: applied, offset: 0, limit: 10 } } })) : Promise.resolve(null)),
    [applied],
  );
  const send = useAction(() =>
    unwrap(api.POST("/api/v1/subject-requests/{id}/forward", { params: { path: { id: detail.id } }, body: { controllerId: chosen, tellRequester: tell } })),
  );
  const candidates = [
    ...detail.proposals.map((p) => ({ id: p.controllerId, label: `${p.name} (${p.customerNumber}) · ${p.domain}` })),
    ...(found.data?.items ?? [])
      .filter((c) => !detail.proposals.some((p) => p.controllerId === c.id))
      .map((c) => ({ id: c.id, label: `${c.name} (${c.customerNumber})` })),
  ];
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await send.execute();
    if (result.ok) {
      onDone(result.value);
    }
  }
  return (
    <section className="card" data-testid="subject-request-forward">
      <h2>{t("subjectRequests.forward.title")}</h2>
      <p className="hint">{detail.proposals.length > 0 ? t("subjectRequests.forward.proposals") : t("subjectRequests.forward.noProposals")}</p>
      <SearchForm
        id="subject-request-search"
        label={t("subjectRequests.forward.choose")}
        applied={applied}
        onSearch={setApplied}
        testId="subject-request-search"
      />
      <form noValidate onSubmit={(e) => void submit(e)} aria-label={t("subjectRequests.forward.title")}>
        <ErrorAlert error={send.error} />
        <fieldset className="field">
          <legend>{t("subjectRequests.forward.customer")}</legend>
          {candidates.map((c) => (
            <label key={c.id} className="radio">
              <input
                type="radio"
                name="customer"
                value={c.id}
                checked={chosen === c.id}
                onChange={() => setChosen(c.id)}
                data-testid="subject-request-customer"
              />{" "}
              {c.label}
            </label>
          ))}
        </fieldset>
        {detail.content?.email ? (
          <CheckboxField label={t("subjectRequests.forward.tell")} checked={tell} onChange={setTell} testId="subject-request-tell" />
        ) : null}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={send.busy || chosen === ""} data-testid="subject-request-forward-submit">
            {t("subjectRequests.forward.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

function NotOursForm({ detail, onDone }: { detail: SubjectRequestDetail; onDone: (d: SubjectRequestDetail) => void }) {
  const { t } = useTranslation();
  const [tell, setTell] = useState(detail.content?.email != null);
  const send = useAction(() =>
    unwrap(api.POST("/api/v1/subject-requests/{id}/not-ours", { params: { path: { id: detail.id } }, body: { tellRequester: tell } })),
  );
  return (
    <section className="card">
      <h2>{t("subjectRequests.notOurs.title")}</h2>
      <p className="hint">{t("subjectRequests.notOurs.intro")}</p>
      <ErrorAlert error={send.error} />
      {detail.content?.email ? (
        <CheckboxField label={t("subjectRequests.notOurs.tell")} checked={tell} onChange={setTell} testId="subject-request-not-ours-tell" />
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="btn"
          disabled={send.busy}
          onClick={() => void send.execute().then((r) => r.ok && onDone(r.value))}
          data-testid="subject-request-not-ours"
        >
          {t("subjectRequests.notOurs.submit")}
        </button>
      </div>
    </section>
  );
}
