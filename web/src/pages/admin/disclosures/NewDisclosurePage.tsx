import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { DateTimeField, SelectField, TextAreaField, TextField, validLocally } from "../../../components/fields";
import { PageHeader } from "../../../components/PageHeader";
import { instantToLocal, localToInstant } from "../../../lib/zoned";

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
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await save.execute();
    if (result.ok) {
      void navigate(`/admin/disclosures/${result.value.id}`);
    }
  }
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

type Chosen = { id: string; name: string; customerNumber: string };

/** The customers an order concerns, found by name or number. */
function CustomerPicker({ chosen, onChange, error }: { chosen: Chosen[]; onChange: (c: Chosen[]) => void; error: string | undefined }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [applied, setApplied] = useState("");
  const state = useApi(
    () => (applied ? unwrap(api.GET("/api/v1/controllers", { params: { query: { search: applied, offset: 0, limit: 10 } } })) : Promise.resolve(null)),
    [applied],
  );
  return (
    <fieldset className="field" data-testid="order-customers">
      <legend>{t("disclosures.customers")}</legend>
      <p className="hint">{t("disclosures.form.customersHint")}</p>
      {error ? <p className="field-error">{error}</p> : null}
      <ul className="plain">
        {chosen.map((c) => (
          <li key={c.id} data-testid="order-customer-chosen">
            {c.name} <span className="muted small">{c.customerNumber}</span>{" "}
            <button type="button" className="btn btn-small" onClick={() => onChange(chosen.filter((x) => x.id !== c.id))}>
              {t("disclosures.form.remove")}
            </button>
          </li>
        ))}
      </ul>
      <div className="filters">
        <div className="field">
          <label htmlFor="order-customer-search">{t("disclosures.form.search")}</label>
          <input
            id="order-customer-search"
            type="search"
            value={search}
            maxLength={100}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                setApplied(search.trim());
              }
            }}
            data-testid="order-customer-search"
          />
        </div>
        <button type="button" className="btn" onClick={() => setApplied(search.trim())} data-testid="order-customer-find">
          {t("common.search")}
        </button>
      </div>
      {state.data ? (
        state.data.items.length === 0 ? (
          <p className="muted">{t("disclosures.form.noneFound")}</p>
        ) : (
          <ul className="plain">
            {state.data.items
              .filter((c) => !chosen.some((x) => x.id === c.id))
              .map((c) => (
                <li key={c.id}>
                  {c.name} <span className="muted small">{c.customerNumber}</span>{" "}
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => onChange([...chosen, { id: c.id, name: c.name, customerNumber: c.customerNumber }])}
                    data-testid="order-customer-add"
                  >
                    {t("disclosures.form.add")}
                  </button>
                </li>
              ))}
          </ul>
        )
      ) : null}
    </fieldset>
  );
}
