import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { SelectField, TextAreaField, submitWith } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { formatEuros, formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";

/** One claim (art. 11): its amounts per head, its event with the cap and how it was derived, the 11.4 assessment, its lapse date. */
export function ClaimPage() {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const { id = "" } = useParams();
  const state = useApi(() => unwrap(api.GET("/api/v1/claims/{id}", { params: { path: { id } } })), [id]);
  return (
    <Loaded state={state}>
      {(claim) => {
        const cap = claim.event.cap;
        return (
          <>
            <PageHeader title={`${t("claims.register.reference")} ${claim.reference}`} subtitle={claim.customerName} />
            <p>
              <Link to="/admin/claims">{t("claims.register.back")}</Link>
            </p>
            <section className="card">
              <dl className="facts">
                <div>
                  <dt>{t("claims.register.description")}</dt>
                  <dd className="prewrap">{claim.description}</dd>
                </div>
                <div>
                  <dt>{t("claims.register.arisenAt")}</dt>
                  <dd>{formatInstant(claim.arisenAt)}</dd>
                </div>
                <div>
                  <dt>{t("claims.register.lapsesAt")}</dt>
                  <dd data-testid="claim-lapses">
                    {formatInstant(claim.lapsesAt)} · {t(`claims.register.lapse.${claim.lapseClock}`)}
                  </dd>
                </div>
                {(["propertyDamageCents", "defaultCostsCents", "assessmentCostsCents", "mitigationCostsCents", "indirectCents"] as const).map((head) => (
                  <div key={head}>
                    <dt>{t(`claims.register.heads.${head}`)}</dt>
                    <dd>{formatEuros(claim.damages[head], lang)}</dd>
                  </div>
                ))}
              </dl>
            </section>
            <section className="card" aria-labelledby="cap-heading" data-testid="cap">
              <h2 id="cap-heading">
                {t("claims.cap.title")} · {claim.event.reference}
              </h2>
              <p className="prewrap">{claim.event.description}</p>
              <dl className="facts">
                <div>
                  <dt>{t("claims.cap.month")}</dt>
                  <dd data-testid="cap-month">{cap.month}</dd>
                </div>
                <div>
                  <dt>{t("claims.cap.source")}</dt>
                  <dd data-testid="cap-source" data-source={cap.source}>
                    {pick(cap.sourceLabel.nl, cap.sourceLabel.en)}
                  </dd>
                </div>
              </dl>
              <table className="table" data-testid="cap-lines">
                <tbody>
                  {cap.lines.map((line, i) => (
                    <tr key={i}>
                      <td>{line.label}</td>
                      <td className="small muted">{line.days ? t("claims.cap.days", line.days) : ""}</td>
                      <td className="nowrap">{formatEuros(line.amountCents, lang)}</td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{t("claims.cap.total")}</th>
                    <td />
                    <td className="nowrap" data-testid="cap-total">
                      <strong>{formatEuros(cap.capCents, lang)}</strong>
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">{t("claims.cap.claimed")}</th>
                    <td />
                    <td className="nowrap">{formatEuros(claim.event.directClaimedCents, lang)}</td>
                  </tr>
                </tbody>
              </table>
              {!cap.applies ? <Notice tone="warning">{t("claims.cap.notApplies")}</Notice> : null}
              <p className="muted small">{pick(cap.note.nl, cap.note.en)}</p>
              <p className="small">
                {t("claims.cap.claims")}: {claim.event.claims.map((c) => c.reference).join(", ")}
              </p>
            </section>
            {claim.event.intent ? <IntentForm claimId={claim.id} intent={claim.event.intent} reload={state.reload} /> : null}
            <section className="card">
              <h2>{t("claims.timeline")}</h2>
              <ul className="plain small">
                {claim.timeline.map((e, i) => (
                  <li key={i}>
                    {formatInstant(e.occurredAt)} · {pick(e.typeLabel.nl, e.typeLabel.en)} · <span className="muted">{e.actorLabel}</span>
                  </li>
                ))}
              </ul>
            </section>
          </>
        );
      }}
    </Loaded>
  );
}

function IntentForm({ claimId, intent, reload }: { claimId: string; intent: { label: { nl: string; en: string }; note: string | null }; reload: () => void }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const [assessment, setAssessment] = useState<"no_indication" | "indicated">("no_indication");
  const [note, setNote] = useState("");
  const save = useAction(() =>
    unwrap(api.POST("/api/v1/claims/{id}/assessment", { params: { path: { id: claimId } }, body: { assessment, note: note.trim() ? note : null } })),
  );
  return (
    <section className="card" aria-labelledby="intent-heading">
      <h2 id="intent-heading">{t("claims.intent.title")}</h2>
      <p data-testid="intent-current">
        {pick(intent.label.nl, intent.label.en)}
        {intent.note ? ` · ${intent.note}` : ""}
      </p>
      <form noValidate onSubmit={(e) => void submitWith(save, () => reload())(e)} aria-label={t("claims.intent.title")}>
        <ErrorAlert error={save.error && !save.error.fieldMessages().note ? save.error : undefined} />
        <SelectField
          label={t("claims.intent.assessment")}
          value={assessment}
          onChange={setAssessment}
          options={[
            { value: "no_indication", label: t("claims.intent.options.no_indication") },
            { value: "indicated", label: t("claims.intent.options.indicated") },
          ]}
        />
        <TextAreaField label={t("claims.intent.note")} value={note} onChange={setNote} rows={2} error={save.error?.fieldMessages().note} />
        <button type="submit" className="btn" disabled={save.busy}>
          {t("claims.intent.save")}
        </button>
      </form>
    </section>
  );
}
