import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { DateTimeField, SelectField, TextAreaField, TextField, submitWith } from "../../../components/fields";
import { PageHeader } from "../../../components/PageHeader";
import { instantToLocal, localToInstant } from "../../../lib/zoned";
import { CustomerPicker } from "./CustomerPicker";

const KINDS = ["police", "prosecutor", "court", "tax", "regulator", "intelligence", "other"] as const;
const GAGS = ["none", "until_date", "until_lifted"] as const;

/** Staff record an authority's order to disclose data (art. 9.2): who, on what basis, what data, which customers, and its gag order. */
export function NewDisclosurePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [authority, setAuthority] = useState("");
  const [authorityKind, setAuthorityKind] = useState<(typeof KINDS)[number]>("police");
  const [legalBasis, setLegalBasis] = useState("");
  const [receivedAt, setReceivedAt] = useState(() => instantToLocal(new Date().toISOString()));
  const [dataRequested, setDataRequested] = useState("");
  const [gag, setGag] = useState<(typeof GAGS)[number]>("none");
  const [gagUntil, setGagUntil] = useState("");
  const [customers, setCustomers] = useState<{ id: string; name: string; customerNumber: string }[]>([]);
  const save = useAction(() =>
    unwrap(
      api.POST("/api/v1/disclosure-orders", {
        body: {
          authority,
          authorityKind,
          legalBasis,
          receivedAt: localToInstant(receivedAt) ?? "",
          dataRequested,
          controllerIds: customers.map((c) => c.id),
          gag,
          ...(gag === "until_date" ? { gagUntil: localToInstant(gagUntil) } : {}),
        },
      }),
    ),
  );
  const fields = save.error?.fieldMessages() ?? {};
  const submit = submitWith(save, (order) => void navigate(`/admin/disclosures/${order.id}`));
  return (
    <>
      <PageHeader title={t("disclosures.form.title")} actions={<Link to="/admin/disclosures">{t("disclosures.back")}</Link>} />
      <section className="card">
        <form noValidate onSubmit={(e) => void submit(e)} data-testid="disclosure-form" aria-label={t("disclosures.form.title")}>
          <ErrorAlert error={save.error && Object.keys(fields).length === 0 ? save.error : undefined} />
          <TextField
            label={t("disclosures.authority")}
            value={authority}
            onChange={setAuthority}
            required
            maxLength={200}
            error={fields.authority}
            testId="order-authority"
          />
          <SelectField
            label={t("disclosures.authorityKind")}
            value={authorityKind}
            onChange={setAuthorityKind}
            options={KINDS.map((k) => ({ value: k, label: t(`disclosures.authorityKinds.${k}`) }))}
            testId="order-authority-kind"
          />
          <TextField
            label={t("disclosures.legalBasis")}
            value={legalBasis}
            onChange={setLegalBasis}
            required
            maxLength={300}
            error={fields.legalBasis}
            testId="order-legal-basis"
          />
          <DateTimeField
            label={t("disclosures.receivedAt")}
            hint={t("disclosures.zoneHint")}
            value={receivedAt}
            onChange={setReceivedAt}
            required
            error={fields.receivedAt}
            testId="order-received"
          />
          <TextAreaField
            label={t("disclosures.dataRequested")}
            value={dataRequested}
            onChange={setDataRequested}
            required
            rows={3}
            error={fields.dataRequested}
            testId="order-data"
          />
          <SelectField
            label={t("disclosures.gag")}
            value={gag}
            onChange={setGag}
            options={GAGS.map((g) => ({ value: g, label: t(`disclosures.gags.${g}`) }))}
            testId="order-gag"
          />
          {gag === "until_date" ? (
            <DateTimeField
              label={t("disclosures.gagUntil")}
              hint={t("disclosures.zoneHint")}
              value={gagUntil}
              onChange={setGagUntil}
              required
              error={fields.gagUntil}
              testId="order-gag-until"
            />
          ) : null}
          <CustomerPicker chosen={customers} onChange={setCustomers} error={Object.entries(fields).find(([k]) => k.startsWith("controllerIds"))?.[1]} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="order-save">
              {t("disclosures.form.save")}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
