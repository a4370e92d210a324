import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { TextAreaField, TextField, submitWith } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { useMe } from "../../../session";

type NoticeOut = Awaited<ReturnType<typeof loadNotice>>;
const loadNotice = (id: string) => unwrap(api.GET("/api/v1/default-notices/{id}", { params: { path: { id } } }));

/** Elapsed minutes as "73 h 30 min". */
export const elapsedText = (minutes: number, lang: "nl" | "en") => `${Math.floor(minutes / 60)} ${lang === "nl" ? "u" : "h"} ${minutes % 60} min`;

/**
 * art. 11.5: one notice of default, for the two parties (the portal and the back-office): the facts
 * of its timing, and the cure date one side proposes and the other confirms.
 */
export function DefaultNoticeView({ back }: { back: string }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const { id = "" } = useParams();
  const state = useApi(() => loadNotice(id), [id]);
  return (
    <Loaded state={state}>
      {(notice) => (
        <>
          <PageHeader title={`${t("claims.notices.title")} ${notice.reference}`} subtitle={t("claims.confidential")} />
          <p>
            <Link to={back}>{t("claims.notices.back")}</Link>
          </p>
          <Facts notice={notice} />
          <Cure notice={notice} reload={state.reload} />
          <section className="card">
            <h2>{t("claims.timeline")}</h2>
            <ul className="plain small" data-testid="notice-timeline">
              {notice.timeline.map((e, i) => (
                <li key={i}>
                  {formatInstant(e.occurredAt)} · {pick(e.typeLabel.nl, e.typeLabel.en)} · <span className="muted">{e.actorLabel}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </Loaded>
  );
}

export function Facts({ notice }: { notice: NoticeOut }) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  return (
    <section className="card" data-testid="default-notice" data-reference={notice.reference}>
      {notice.lateText ? (
        <Notice tone="warning" testId="notice-late">
          {pick(notice.lateText.nl, notice.lateText.en)}
        </Notice>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t("claims.notices.customer")}</dt>
          <dd>{notice.customerName}</dd>
        </div>
        <div>
          <dt>{t("claims.notices.learnedAt")}</dt>
          <dd>{formatInstant(notice.learnedAt)}</dd>
        </div>
        <div>
          <dt>{t("claims.notices.givenAt")}</dt>
          <dd>{formatInstant(notice.givenAt)}</dd>
        </div>
        <div>
          <dt>{t("claims.notices.elapsed")}</dt>
          <dd data-testid="notice-elapsed">
            {elapsedText(notice.elapsedMinutes, lang)} · {notice.late ? t("claims.notices.late") : t("claims.notices.inTime")}
          </dd>
        </div>
        <div>
          <dt>{t("claims.notices.givenBy")}</dt>
          <dd>{notice.givenByName}</dd>
        </div>
        <div>
          <dt>{t("claims.notices.description")}</dt>
          <dd className="prewrap">{notice.description}</dd>
        </div>
      </dl>
    </section>
  );
}

function Cure({ notice, reload }: { notice: NoticeOut; reload: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const side = me.kind === "staff" ? "processor" : "customer";
  const [date, setDate] = useState("");
  const [note, setNote] = useState("");
  const path = { params: { path: { id: notice.id } } };
  const propose = useAction(() => unwrap(api.POST("/api/v1/default-notices/{id}/cure-date", { ...path, body: { date } })));
  const confirm = useAction(() =>
    unwrap(api.POST("/api/v1/default-notices/{id}/cure-date/confirmation", { ...path, body: { date: notice.cure.proposedDate ?? "" } })),
  );
  const cured = useAction(() => unwrap(api.POST("/api/v1/default-notices/{id}/cured", { ...path, body: { note } })));
  const c = notice.cure;
  return (
    <section className="card" aria-labelledby="cure-heading" data-testid="cure">
      <h2 id="cure-heading">{t("claims.cure.title")}</h2>
      <p className="muted small">{t("claims.cure.intro")}</p>
      {c.agreedDate ? (
        <p data-testid="cure-agreed">
          {t("claims.cure.agreed", { date: c.agreedDate })} · {t("claims.cure.dueAt")} {formatInstant(c.dueAt)} ·{" "}
          {t(`claims.cure.clock.${c.clock as "running"}`)}
        </p>
      ) : c.proposedDate ? (
        <p data-testid="cure-proposed">
          {t("claims.cure.proposed", { date: c.proposedDate, by: c.proposedByName ?? "", side: t(`claims.cure.sides.${c.proposedBy ?? "customer"}`) })}
        </p>
      ) : (
        <p className="muted">{t("claims.cure.none")}</p>
      )}
      {c.curedAt ? <p data-testid="cure-cured">{t("claims.cure.cured", { at: formatInstant(c.curedAt) })}</p> : null}
      {!c.agreedDate && c.proposedDate && c.proposedBy !== side ? (
        <>
          <ErrorAlert error={confirm.error} />
          <button
            type="button"
            className="btn btn-primary"
            data-testid="cure-confirm"
            disabled={confirm.busy}
            onClick={() => void confirm.execute().then((r) => r.ok && reload())}
          >
            {t("claims.cure.confirm")}
          </button>
        </>
      ) : null}
      {!c.agreedDate && c.proposedDate && c.proposedBy === side ? <p className="muted small">{t("claims.cure.waiting")}</p> : null}
      {!c.agreedDate ? (
        <form noValidate onSubmit={(e) => void submitWith(propose, () => reload())(e)} aria-label={t("claims.cure.propose")}>
          <ErrorAlert error={propose.error && !propose.error.fieldMessages().date ? propose.error : undefined} />
          <TextField
            label={t("claims.cure.date")}
            value={date}
            onChange={setDate}
            type="date"
            required
            error={propose.error?.fieldMessages().date}
            testId="cure-date"
          />
          <button type="submit" className="btn" disabled={propose.busy} data-testid="cure-propose">
            {t("claims.cure.propose")}
          </button>
        </form>
      ) : null}
      {side === "processor" && c.agreedDate && !c.curedAt ? (
        <form noValidate onSubmit={(e) => void submitWith(cured, () => reload())(e)} aria-label={t("claims.cure.markCured")}>
          <ErrorAlert error={cured.error && !cured.error.fieldMessages().note ? cured.error : undefined} />
          <TextAreaField
            label={t("claims.cure.curedNote")}
            value={note}
            onChange={setNote}
            required
            rows={2}
            error={cured.error?.fieldMessages().note}
            testId="cure-note"
          />
          <button type="submit" className="btn" disabled={cured.busy} data-testid="cure-done">
            {t("claims.cure.markCured")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
