import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { DateTimeField, SelectField, TextAreaField, TextField, submitWith } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { formatEuros, formatInstant, parseEuros } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { localToInstant } from "../../../lib/zoned";
import { DefaultNoticeView } from "../../shared/claims/DefaultNoticeView";

const HEADS = ["propertyDamageCents", "defaultCostsCents", "assessmentCostsCents", "mitigationCostsCents", "indirectCents"] as const;
type Head = (typeof HEADS)[number];

/** art. 11 in the back-office (admin and privacy officer): notices of default, the claims register and a form to record a claim. */
export function ClaimsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const notices = useApi(() => unwrap(api.GET("/api/v1/default-notices")), []);
  const claims = useApi(() => unwrap(api.GET("/api/v1/claims")), []);
  return (
    <>
      <PageHeader
        title={t("claims.register.adminTitle")}
        subtitle={t("claims.register.adminIntro")}
        actions={
          <Link to="/admin/fee-ledger" className="btn">
            {t("claims.nav.ledger")}
          </Link>
        }
      />
      <p className="muted small">{t("claims.confidential")}</p>
      <section className="card" aria-labelledby="notices-heading">
        <h2 id="notices-heading">{t("claims.notices.title")}</h2>
        <Loaded state={notices}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t("claims.notices.none")}</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="default-notices-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("claims.notices.reference")}</th>
                      <th scope="col">{t("claims.notices.customer")}</th>
                      <th scope="col">{t("claims.notices.givenAt")}</th>
                      <th scope="col">{t("claims.notices.elapsed")}</th>
                      <th scope="col">{t("claims.cure.agreed", { date: "" })}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((n) => (
                      <tr key={n.id} data-testid="default-notice-row" data-reference={n.reference}>
                        <td>
                          <Link to={`/admin/default-notices/${n.id}`}>{n.reference}</Link>
                        </td>
                        <td>{n.customerName}</td>
                        <td className="small nowrap">{formatInstant(n.givenAt)}</td>
                        <td className="small">{n.late ? <strong>{t("claims.notices.late")}</strong> : t("claims.notices.inTime")}</td>
                        <td className="small">{n.cure.agreedDate ?? "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loaded>
      </section>
      <section className="card" aria-labelledby="claims-heading">
        <h2 id="claims-heading">{t("claims.register.title")}</h2>
        <Loaded state={claims}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t("claims.register.none")}</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="claims-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("claims.register.reference")}</th>
                      <th scope="col">{t("claims.register.customer")}</th>
                      <th scope="col">{t("claims.register.event")}</th>
                      <th scope="col">{t("claims.register.direct")}</th>
                      <th scope="col">{t("claims.register.indirect")}</th>
                      <th scope="col">{t("claims.register.lapsesAt")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((c) => (
                      <tr key={c.id} data-testid="claim-row" data-reference={c.reference}>
                        <td>
                          <Link to={`/admin/claims/${c.id}`}>{c.reference}</Link>
                        </td>
                        <td>{c.customerName}</td>
                        <td>{c.eventReference}</td>
                        <td className="nowrap">{formatEuros(c.directCents, lang)}</td>
                        <td className="nowrap">{formatEuros(c.indirectCents, lang)}</td>
                        <td className="small nowrap">{formatInstant(c.lapsesAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loaded>
      </section>
      <section className="card" aria-labelledby="record-heading">
        <h2 id="record-heading">{t("claims.register.record")}</h2>
        <RecordClaimForm />
      </section>
    </>
  );
}

function RecordClaimForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const customers = useApi(() => unwrap(api.GET("/api/v1/controllers", { params: { query: { offset: 0, limit: 100 } } })), []);
  const [controllerId, setControllerId] = useState("");
  const [eventDescription, setEventDescription] = useState("");
  const [occurredAt, setOccurredAt] = useState("");
  const [description, setDescription] = useState("");
  const [arisenAt, setArisenAt] = useState("");
  const [amounts, setAmounts] = useState<Record<Head, string>>({
    propertyDamageCents: "",
    defaultCostsCents: "",
    assessmentCostsCents: "",
    mitigationCostsCents: "",
    indirectCents: "",
  });
  const cents = (head: Head) => (amounts[head].trim() === "" ? 0 : (parseEuros(amounts[head]) ?? -1));
  const send = useAction(() =>
    unwrap(
      api.POST("/api/v1/claims", {
        body: {
          controllerId,
          event: { description: eventDescription, occurredAt: localToInstant(occurredAt) ?? "" },
          description,
          arisenAt: localToInstant(arisenAt) ?? "",
          damages: Object.fromEntries(HEADS.map((h) => [h, cents(h)])) as Record<Head, number>,
        },
      }),
    ),
  );
  const fields = send.error?.fieldMessages() ?? {};
  return (
    <form
      noValidate
      data-testid="claim-form"
      aria-label={t("claims.register.record")}
      onSubmit={(e) => void submitWith(send, (claim) => void navigate(`/admin/claims/${claim.id}`))(e)}
    >
      <ErrorAlert error={send.error && Object.keys(fields).length === 0 ? send.error : undefined} />
      <Loaded state={customers}>
        {(page) => (
          <SelectField
            label={t("claims.register.customer")}
            value={controllerId}
            onChange={setControllerId}
            required
            error={fields.controllerId}
            testId="claim-customer"
            options={[{ value: "", label: t("claims.ledger.choose") }, ...page.items.map((c) => ({ value: c.id, label: c.name }))]}
          />
        )}
      </Loaded>
      <TextAreaField
        label={t("claims.register.eventDescription")}
        value={eventDescription}
        onChange={setEventDescription}
        required
        rows={2}
        error={fields["event.description"]}
        testId="claim-event"
      />
      <DateTimeField
        label={t("claims.register.occurredAt")}
        value={occurredAt}
        onChange={setOccurredAt}
        required
        error={fields["event.occurredAt"]}
        testId="claim-occurred"
      />
      <TextAreaField
        label={t("claims.register.description")}
        value={description}
        onChange={setDescription}
        required
        rows={2}
        error={fields.description}
        testId="claim-description"
      />
      <DateTimeField label={t("claims.register.arisenAt")} value={arisenAt} onChange={setArisenAt} required error={fields.arisenAt} testId="claim-arisen" />
      {HEADS.map((head) => (
        <TextField
          key={head}
          label={t(`claims.register.heads.${head}`)}
          value={amounts[head]}
          onChange={(value) => setAmounts({ ...amounts, [head]: value })}
          inputMode="decimal"
          error={fields[`damages.${head}`] ?? (head === "propertyDamageCents" ? fields.damages : undefined)}
          testId={`claim-${head}`}
        />
      ))}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={send.busy} data-testid="claim-save">
          {t("claims.register.save")}
        </button>
      </div>
    </form>
  );
}

/** One notice of default in the back-office. */
export function AdminDefaultNoticePage() {
  return <DefaultNoticeView back="/admin/claims" />;
}
