import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { unwrapPage, useCursorPages } from "../../../api/pages";
import { useAction, useApi } from "../../../api/useApi";
import { KeysetPager } from "../../../components/KeysetPager";
import type { Objection, ObjectionOutcome, SubprocessorChange } from "../../../api/types";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { SelectField, TextAreaField } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { ConsultationThread } from "../../../components/subprocessors/ConsultationThread";
import { ObjectionStatusBadge } from "../../../components/subprocessors/badges";
import { formatInstant } from "../../../lib/format";
import { useMarkSeen } from "../../../lib/home-badges";

const OUTCOMES: readonly ObjectionOutcome[] = ["resolved", "withdrawn", "customer_leaves"];

const PAGE = 20;

/** The objections to a change, newest first, a page at a time, each with its reason, consultation thread and outcome. */
export function ChangeObjections({ change, writer, onChanged }: { change: SubprocessorChange; writer: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const pages = useCursorPages(change.id);
  const state = useApi(
    () =>
      unwrapPage(
        api.GET("/api/v1/subprocessor-changes/{id}/objections", {
          params: { path: { id: change.id }, query: { limit: PAGE, ...(pages.after ? { after: pages.after } : {}) } },
        }),
      ),
    [change.id, pages.after],
  );
  // Reading objections and their threads here is looking at them: the unread badges count from now (user_seen).
  useMarkSeen(["objections", "messages"], (state.data?.items.length ?? 0) > 0);
  return (
    <section className="card" aria-labelledby="objections-heading" data-testid="change-objections">
      <h2 id="objections-heading">{t("objections.title")}</h2>
      <Loaded state={state}>
        {({ items: list, next }) =>
          list.length === 0 ? (
            <p className="muted">{t("objections.none")}</p>
          ) : (
            <>
              {list.map((o) => (
                <ObjectionCard
                  key={o.id}
                  objection={o}
                  writer={writer}
                  onClosed={(updated) => {
                    state.setData({ items: list.map((x) => (x.id === updated.id ? updated : x)), next });
                    onChanged();
                  }}
                />
              ))}
              <KeysetPager pages={pages} limit={PAGE} shown={list.length} next={next} />
            </>
          )
        }
      </Loaded>
    </section>
  );
}

function ObjectionCard({ objection, writer, onClosed }: { objection: Objection; writer: boolean; onClosed: (o: Objection) => void }) {
  const { t } = useTranslation();
  return (
    <article className="objection-card" data-testid="objection" data-customer={objection.customerName} data-status={objection.status}>
      <h3>
        <Link to={`/admin/customers/${objection.controllerId}`}>{t("objections.objectionOf", { name: objection.customerName })}</Link>{" "}
        <ObjectionStatusBadge status={objection.status} testId="objection-status" />
      </h3>
      <p className="muted small">
        {t("objections.submittedAt")} {formatInstant(objection.submittedAt)}
        {objection.windowEndsAt ? ` · ${t("changes.windowEnds")} ${formatInstant(objection.windowEndsAt)}` : ""}
      </p>
      <p className="quote" data-testid="objection-reason">
        {objection.reason}
      </p>
      {objection.status !== "open" ? (
        <Notice tone="info" testId="objection-outcome">
          <p>
            <strong>{t(`objections.outcomes.${objection.status}`)}</strong> · {formatInstant(objection.outcomeAt)}
          </p>
          {objection.outcomeNote ? <p>{objection.outcomeNote}</p> : null}
        </Notice>
      ) : null}
      <h4>{t("thread.title")}</h4>
      <ConsultationThread objection={objection} canWrite={writer} />
      {writer && objection.status === "open" ? <OutcomeForm objection={objection} onClosed={onClosed} /> : null}
    </article>
  );
}

function OutcomeForm({ objection, onClosed }: { objection: Objection; onClosed: (o: Objection) => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<ObjectionOutcome>("resolved");
  const [note, setNote] = useState("");
  const record = useAction(() =>
    unwrap(api.POST("/api/v1/objections/{id}/outcome", { params: { path: { id: objection.id } }, body: { outcome, note: note.trim() } })),
  );
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await record.execute();
    if (result.ok) {
      onClosed(result.value);
    }
  }
  const fields = record.error?.fieldMessages() ?? {};
  return (
    <form noValidate className="reply-form" onSubmit={(e) => void submit(e)} aria-label={t("objections.recordOutcome")} data-testid="outcome-form">
      <h4>{t("objections.closeHeading")}</h4>
      <ErrorAlert error={record.error && !fields.note && !fields.outcome ? record.error : undefined} />
      <SelectField<ObjectionOutcome>
        label={t("objections.outcome")}
        value={outcome}
        onChange={setOutcome}
        options={OUTCOMES.map((o) => ({ value: o, label: t(`objections.outcomes.${o}`) }))}
        error={fields.outcome}
        testId="outcome-select"
      />
      <TextAreaField
        label={t("objections.outcomeNote")}
        value={note}
        onChange={setNote}
        rows={3}
        required
        hint={t("objections.outcomeNoteHint")}
        error={fields.note}
        testId="outcome-note"
      />
      <button type="submit" className="btn btn-primary" disabled={record.busy} data-testid="outcome-submit">
        {t("objections.recordOutcome")}
      </button>
    </form>
  );
}
