import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { DateTimeField, TextAreaField, TextField, validLocally } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { localToInstant } from "../../../lib/zoned";
import { useMe } from "../../../session";

/**
 * art. 9.2 in the portal: the disclosure orders the processor told this customer of (an order under a
 * gag order is not among them), and the customer's own statements that it must disclose the
 * processor's confidential information, with the form to make one.
 */
export function PortalDisclosuresPage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const me = useMe();
  const controllerId = me.controllerId ?? "";
  const notices = useApi(() => unwrap(api.GET("/api/v1/controllers/{id}/disclosure-notices", { params: { path: { id: controllerId } } })), [controllerId]);
  const statements = useApi(
    () => unwrap(api.GET("/api/v1/controllers/{id}/disclosure-statements", { params: { path: { id: controllerId } } })),
    [controllerId],
  );
  const mayWrite = me.customerRole === "owner" || me.customerRole === "privacy_contact";
  return (
    <>
      <PageHeader title={t("disclosures.portal.title")} subtitle={t("disclosures.portal.intro")} />
      <section className="card">
        <Loaded state={notices}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted" data-testid="disclosure-notices-empty">
                {t("disclosures.portal.none")}
              </p>
            ) : (
              <ul className="plain" data-testid="disclosure-notices">
                {list.map((n) => (
                  <li key={n.noticeId} className="card-item" data-testid="disclosure-notice" data-reference={n.reference}>
                    <h2 className="h3">
                      <Link to={`/portal/notices/${n.noticeId}`}>{n.reference}</Link> · {pick(n.authorityKindLabel.nl, n.authorityKindLabel.en)}
                    </h2>
                    <dl className="facts">
                      <div>
                        <dt>{t("disclosures.authority")}</dt>
                        <dd>{n.authority ?? <span className="muted">{t("disclosures.portal.withheld")}</span>}</dd>
                      </div>
                      {n.legalBasis ? (
                        <div>
                          <dt>{t("disclosures.legalBasis")}</dt>
                          <dd>{n.legalBasis}</dd>
                        </div>
                      ) : null}
                      <div>
                        <dt>{t("disclosures.receivedAt")}</dt>
                        <dd>{formatInstant(n.receivedAt)}</dd>
                      </div>
                      <div>
                        <dt>{t("disclosures.decision")}</dt>
                        <dd>{pick(n.decisionLabel.nl, n.decisionLabel.en)}</dd>
                      </div>
                      <div>
                        <dt>{t("disclosures.portal.summary")}</dt>
                        <dd className="prewrap">{n.summary}</dd>
                      </div>
                      <div>
                        <dt>{t("disclosures.portal.sentAt")}</dt>
                        <dd>{formatInstant(n.sentAt)}</dd>
                      </div>
                    </dl>
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
      <section className="card" aria-labelledby="statement-heading">
        <h2 id="statement-heading">{t("disclosures.statements.portalTitle")}</h2>
        <p className="muted small">{t("disclosures.statements.portalIntro")}</p>
        <Loaded state={statements}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t("disclosures.statements.none")}</p>
            ) : (
              <ul className="plain" data-testid="statements-list">
                {list.map((s) => (
                  <li key={s.id}>
                    <strong>{s.authority}</strong> ({s.legalBasis}) · {s.information}{" "}
                    <span className="muted small">
                      {formatInstant(s.createdAt)} · {s.statedByName}
                    </span>
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
        {mayWrite ? <StatementForm controllerId={controllerId} onDone={statements.reload} /> : null}
      </section>
    </>
  );
}

function StatementForm({ controllerId, onDone }: { controllerId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [authority, setAuthority] = useState("");
  const [legalBasis, setLegalBasis] = useState("");
  const [information, setInformation] = useState("");
  const [dueAt, setDueAt] = useState("");
  const [note, setNote] = useState("");
  const [sent, setSent] = useState(false);
  const send = useAction(() =>
    unwrap(
      api.POST("/api/v1/controllers/{id}/disclosure-statements", {
        params: { path: { id: controllerId } },
        body: { authority, legalBasis, information, dueAt: dueAt ? localToInstant(dueAt) : null, ...(note.trim() ? { note } : {}) },
      }),
    ),
  );
  const fields = send.error?.fieldMessages() ?? {};
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSent(false);
    if (!validLocally(event)) {
      return;
    }
    const result = await send.execute();
    if (result.ok) {
      setAuthority("");
      setLegalBasis("");
      setInformation("");
      setDueAt("");
      setNote("");
      setSent(true);
      onDone();
    }
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="statement-form" aria-label={t("disclosures.statements.portalTitle")}>
      {sent ? (
        <Notice tone="success" testId="statement-sent">
          {t("disclosures.statements.sent")}
        </Notice>
      ) : null}
      <ErrorAlert error={send.error && Object.keys(fields).length === 0 ? send.error : undefined} />
      <TextField
        label={t("disclosures.authority")}
        value={authority}
        onChange={setAuthority}
        required
        maxLength={200}
        error={fields.authority}
        testId="statement-authority"
      />
      <TextField
        label={t("disclosures.legalBasis")}
        value={legalBasis}
        onChange={setLegalBasis}
        required
        maxLength={300}
        error={fields.legalBasis}
        testId="statement-legal-basis"
      />
      <TextAreaField
        label={t("disclosures.statements.information")}
        value={information}
        onChange={setInformation}
        required
        rows={3}
        error={fields.information}
        testId="statement-information"
      />
      <DateTimeField label={t("disclosures.statements.dueAt")} value={dueAt} onChange={setDueAt} error={fields.dueAt} testId="statement-due" />
      <TextAreaField label={t("disclosures.statements.note")} value={note} onChange={setNote} rows={2} error={fields.note} testId="statement-note" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={send.busy} data-testid="statement-send">
          {t("disclosures.statements.send")}
        </button>
      </div>
    </form>
  );
}
