import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { TextAreaField, TextField, validLocally } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { formatDate, formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { useMe } from "../../../session";
import { CertificateList, type Ending } from "../../admin/ending/EndingParts";

/**
 * art. 12.2 in the portal: whether the agreement still runs (it ends by itself with the last
 * service: there is no button to end it), and after the end the deletion plan's progress, the
 * return of the data first, the deletion certificates to download, and until when the portal stays readable.
 */
export function PortalEndingPage() {
  const { t } = useTranslation();
  const me = useMe();
  const controllerId = me.controllerId ?? "";
  const state = useApi(() => unwrap(api.GET("/api/v1/controllers/{id}/ending", { params: { path: { id: controllerId } } })), [controllerId]);
  return (
    <>
      <PageHeader title={t("ending.portal.title")} subtitle={t("ending.portal.intro")} />
      <Loaded state={state}>
        {({ ending }) =>
          ending === null ? (
            <section className="card">
              <p data-testid="ending-running">{t("ending.portal.running")}</p>
            </section>
          ) : (
            <EndedView ending={ending} controllerId={controllerId} onChange={state.reload} />
          )
        }
      </Loaded>
    </>
  );
}

function EndedView({ ending, controllerId, onChange }: { ending: Ending; controllerId: string; onChange: () => void }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const confirmed = ending.lines.filter((l) => l.confirmedAt !== null).length;
  return (
    <>
      <section className="card" data-testid="ending-status">
        <p>
          <strong>{ending.reference}</strong> · {t("ending.portal.ended", { date: formatInstant(ending.endedAt) })}
        </p>
        <p>{t("ending.portal.planDue", { date: formatInstant(ending.planDueAt) })}</p>
        <p data-testid="ending-progress">{t("ending.portal.progress", { confirmed, total: ending.lines.length })}</p>
        <p className="muted">
          {ending.portalClosedAt
            ? t("ending.portal.closed", { date: formatInstant(ending.portalClosedAt) })
            : t("ending.portal.readable", { date: formatInstant(ending.portalClosesAt) })}
        </p>
      </section>
      <section className="card" aria-labelledby="certificates-heading">
        <h2 id="certificates-heading">{t("ending.certificates")}</h2>
        <CertificateList ending={ending} />
      </section>
      <section className="card" aria-labelledby="plan-heading">
        <h2 id="plan-heading">{t("ending.plan")}</h2>
        <div className="table-wrap">
          <table className="table" data-testid="portal-plan">
            <thead>
              <tr>
                <th scope="col">{t("ending.system")}</th>
                <th scope="col">{t("ending.category")}</th>
                <th scope="col">{t("ending.status")}</th>
              </tr>
            </thead>
            <tbody>
              {ending.lines.map((l) => (
                <tr key={l.id}>
                  <td>
                    {pick(l.system.nl, l.system.en)} <span className="muted small">{t(`ending.party.${l.party}`)}</span>
                  </td>
                  <td>{pick(l.category.nl, l.category.en)}</td>
                  <td className="small">{l.deletedAt ? `${t("ending.confirmed")} · ${formatInstant(l.deletedAt)}` : t("ending.open")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="return-heading">
        <h2 id="return-heading">{t("ending.portal.returnTitle")}</h2>
        <p className="muted small">{t("ending.portal.returnIntro")}</p>
        {ending.returnRequests.length > 0 ? (
          <ul className="plain" data-testid="return-requests">
            {ending.returnRequests.map((r) => (
              <li key={r.id}>
                {formatInstant(r.askedAt)} · {t("ending.neededBy")} {r.neededBy ? formatDate(`${r.neededBy}T12:00:00Z`) : "—"}
              </li>
            ))}
          </ul>
        ) : null}
        {ending.returnPossible ? <ReturnForm controllerId={controllerId} onDone={onChange} /> : <p className="muted">{t("ending.portal.returnClosed")}</p>}
      </section>
    </>
  );
}

function ReturnForm({ controllerId, onDone }: { controllerId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [what, setWhat] = useState("");
  const [format, setFormat] = useState("");
  const [neededBy, setNeededBy] = useState("");
  const [sent, setSent] = useState(false);
  const send = useAction(() => unwrap(api.POST("/api/v1/cases", { body: { kind: "data_return", request: { what, format, neededBy } } })));
  const fields = send.error?.fieldMessages() ?? {};
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSent(false);
    if (!validLocally(event)) {
      return;
    }
    const result = await send.execute();
    if (result.ok) {
      setWhat("");
      setFormat("");
      setNeededBy("");
      setSent(true);
      onDone();
    }
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="return-form" data-controller={controllerId} aria-label={t("ending.portal.returnTitle")}>
      {sent ? (
        <Notice tone="success" testId="return-sent">
          {t("ending.portal.asked")}
        </Notice>
      ) : null}
      <ErrorAlert error={send.error && Object.keys(fields).length === 0 ? send.error : undefined} />
      <TextAreaField
        label={t("ending.portal.what")}
        value={what}
        onChange={setWhat}
        required
        rows={3}
        error={fields["request.what"] ?? fields.what}
        testId="return-what"
      />
      <TextField
        label={t("ending.portal.format")}
        value={format}
        onChange={setFormat}
        maxLength={200}
        error={fields["request.format"]}
        testId="return-format"
      />
      <TextField
        label={t("ending.neededBy")}
        type="date"
        value={neededBy}
        onChange={setNeededBy}
        required
        error={fields["request.neededBy"] ?? fields.request}
        testId="return-needed-by"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={send.busy} data-testid="return-send">
          {t("ending.portal.ask")}
        </button>
      </div>
    </form>
  );
}
