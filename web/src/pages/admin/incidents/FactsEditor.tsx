import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { BreachFacts } from "../../../api/types";
import { CheckboxField, DateTimeField, SelectField, TextAreaField, TextField } from "../../../components/fields";
import { describeFacts, type SettableFactKey } from "../../../lib/breach-facts";
import { formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import type { FactDraft, FactErrors, FactInputs, FactMode, FactsDraft } from "./facts-form";

const MODES: readonly FactMode[] = ["known", "unknown", "empty"];

/**
 * The art. 6.2 facts as a form, each known / not yet known / not filled in. `shared` is the incident's
 * notice (discoveredAt shown read-only: it is the incident's); `customer` edits one customer's own
 * facts over the shared ones, where "not filled in" means "as shared" (and shows the shared text).
 */
export function FactsEditor({
  draft,
  onChange,
  errors,
  scope,
  keys,
  discoveredAt,
  shared,
}: {
  draft: FactsDraft;
  onChange: (next: FactsDraft) => void;
  errors: FactErrors;
  scope: "shared" | "customer";
  keys: readonly SettableFactKey[];
  discoveredAt?: string;
  shared?: BreachFacts;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const sharedText = shared ? new Map(describeFacts(shared, lang, t).map((row) => [row.key, row.text])) : null;
  const set = <K extends SettableFactKey>(key: K, fact: FactDraft<K>) => onChange({ ...draft, [key]: fact });
  return (
    <div className="facts-editor" data-testid="facts-editor">
      {keys.map((key) => (
        <div key={key}>
          {key === "unintelligible" && discoveredAt ? <DiscoveredRow discoveredAt={discoveredAt} /> : null}
          <FactBlock
            factKey={key}
            fact={draft[key]}
            onChange={(fact) => set(key, fact)}
            errors={errors[key] ?? []}
            scope={scope}
            sharedText={sharedText?.get(key)}
          />
        </div>
      ))}
    </div>
  );
}

function DiscoveredRow({ discoveredAt }: { discoveredAt: string }) {
  const { t } = useTranslation();
  return (
    <div className="fact-block fact-fixed" data-testid="fact-discoveredAt" data-state="known">
      <p className="fact-label">{t("breaches.facts.discoveredAt")}</p>
      <p>
        <strong>{formatInstant(discoveredAt)}</strong>
      </p>
      <p className="hint">{t("incidents.facts.discoveredFixed")}</p>
    </div>
  );
}

function FactBlock<K extends SettableFactKey>({
  factKey,
  fact,
  onChange,
  errors,
  scope,
  sharedText,
}: {
  factKey: K;
  fact: FactDraft<K>;
  onChange: (fact: FactDraft<K>) => void;
  errors: string[];
  scope: "shared" | "customer";
  sharedText: string | undefined;
}) {
  const { t } = useTranslation();
  const name = useId();
  const labelId = `${name}-label`;
  const modeLabel = (mode: FactMode) =>
    mode === "empty" ? t(scope === "shared" ? "incidents.facts.modes.empty" : "incidents.facts.modes.asShared") : t(`incidents.facts.modes.${mode}`);
  return (
    <fieldset
      className={`fact-block fact-${fact.mode === "empty" && scope === "customer" ? "shared" : fact.mode}${errors.length > 0 ? " field-invalid" : ""}`}
      data-testid={`fact-${factKey}`}
      data-state={fact.mode}
      aria-labelledby={labelId}
    >
      <legend className="fact-label" id={labelId}>
        {t(`breaches.facts.${factKey}`)}
      </legend>
      <div className="fact-modes">
        {MODES.map((mode) => (
          <label key={mode} className="check">
            <input
              type="radio"
              name={name}
              value={mode}
              checked={fact.mode === mode}
              onChange={() => onChange({ ...fact, mode })}
              data-testid={`fact-${factKey}-${mode}`}
            />
            <span>{modeLabel(mode)}</span>
          </label>
        ))}
      </div>
      {fact.mode === "known" ? <KnownInputs factKey={factKey} value={fact.value} onChange={(value) => onChange({ ...fact, value })} /> : null}
      {fact.mode === "unknown" ? (
        <TextField
          label={t("incidents.facts.reason")}
          hint={t("incidents.facts.reasonHint")}
          value={fact.reason}
          onChange={(reason) => onChange({ ...fact, reason })}
          maxLength={1000}
          testId={`fact-${factKey}-reason`}
        />
      ) : null}
      {fact.mode === "empty" && scope === "customer" ? (
        <p className="hint" data-testid={`fact-${factKey}-shared`}>
          {t("incidents.facts.sharedValue", { text: sharedText ?? "—" })}
        </p>
      ) : null}
      {fact.mode === "empty" && scope === "shared" ? <p className="hint">{t("incidents.facts.emptyHint")}</p> : null}
      {errors.map((message) => (
        <p className="field-error" key={message}>
          {message}
        </p>
      ))}
    </fieldset>
  );
}

function KnownInputs<K extends SettableFactKey>({
  factKey,
  value,
  onChange,
}: {
  factKey: K;
  value: FactInputs[K];
  onChange: (value: FactInputs[K]) => void;
}): ReactNode {
  const { t } = useTranslation();
  const id = `fact-${factKey}`;
  // Each case knows its own inputs' shape; the generic key cannot narrow `value` by itself.
  const v: unknown = value;
  const emit = (next: unknown) => onChange(next as FactInputs[K]);
  switch (factKey) {
    case "contact": {
      const c = v as FactInputs["contact"];
      return (
        <div className="grid-3">
          <TextField label={t("incidents.facts.contactName")} value={c.name} onChange={(name) => emit({ ...c, name })} maxLength={200} testId={`${id}-name`} />
          <TextField
            label={t("incidents.facts.contactEmail")}
            type="email"
            value={c.email}
            onChange={(email) => emit({ ...c, email })}
            maxLength={254}
            testId={`${id}-email`}
          />
          <TextField
            label={t("incidents.facts.contactPhone")}
            type="tel"
            value={c.phone}
            onChange={(phone) => emit({ ...c, phone })}
            maxLength={40}
            testId={`${id}-phone`}
          />
        </div>
      );
    }
    case "affectedCount": {
      const c = v as FactInputs["affectedCount"];
      return (
        <div className="fact-count">
          <SelectField<"exact" | "range">
            label={t("incidents.facts.countKind")}
            value={c.kind}
            onChange={(kind) => emit({ ...c, kind })}
            options={[
              { value: "exact", label: t("incidents.facts.countExact") },
              { value: "range", label: t("incidents.facts.countRange") },
            ]}
            testId={`${id}-kind`}
          />
          {c.kind === "exact" ? (
            <TextField
              label={t("incidents.facts.count")}
              inputMode="numeric"
              value={c.count}
              onChange={(count) => emit({ ...c, count })}
              testId={`${id}-count`}
            />
          ) : (
            <>
              <TextField label={t("incidents.facts.min")} inputMode="numeric" value={c.min} onChange={(min) => emit({ ...c, min })} testId={`${id}-min`} />
              <TextField label={t("incidents.facts.max")} inputMode="numeric" value={c.max} onChange={(max) => emit({ ...c, max })} testId={`${id}-max`} />
            </>
          )}
        </div>
      );
    }
    case "dataKinds":
      return (
        <TextAreaField
          label={t("incidents.facts.dataKindsInput")}
          hint={t("incidents.facts.dataKindsHint")}
          value={v as string}
          onChange={emit}
          rows={3}
          testId={`${id}-value`}
        />
      );
    case "period": {
      const p = v as FactInputs["period"];
      return (
        <div className="grid-2">
          <DateTimeField
            label={t("incidents.facts.periodStart")}
            hint={t("incidents.zoneHint")}
            value={p.start}
            onChange={(start) => emit({ ...p, start })}
            testId={`${id}-start`}
          />
          <div>
            {p.ongoing ? null : (
              <DateTimeField
                label={t("incidents.facts.periodEnd")}
                hint={t("incidents.facts.periodEndHint")}
                value={p.end}
                onChange={(end) => emit({ ...p, end })}
                testId={`${id}-end`}
              />
            )}
            <CheckboxField
              label={t("incidents.facts.periodOngoing")}
              checked={p.ongoing}
              onChange={(ongoing) => emit({ ...p, ongoing })}
              testId={`${id}-ongoing`}
            />
          </div>
        </div>
      );
    }
    case "unintelligible": {
      const u = v as FactInputs["unintelligible"];
      return (
        <>
          <SelectField<FactInputs["unintelligible"]["state"]>
            label={t("incidents.facts.unintelligibleState")}
            value={u.state}
            onChange={(state) => emit({ ...u, state })}
            options={[
              { value: "", label: t("incidents.facts.choose") },
              { value: "yes", label: t("breaches.unintelligible.yes") },
              { value: "no", label: t("breaches.unintelligible.no") },
              { value: "partly", label: t("breaches.unintelligible.partly") },
            ]}
            testId={`${id}-state`}
          />
          <TextAreaField
            label={t("incidents.facts.unintelligibleDescription")}
            hint={t("incidents.facts.unintelligibleHint")}
            value={u.description}
            onChange={(description) => emit({ ...u, description })}
            rows={2}
            required={u.state === "partly"}
            testId={`${id}-description`}
          />
        </>
      );
    }
    case "cause":
    case "consequences":
    case "solution":
    case "subjectGroup":
    case "measuresTaken":
    case "measuresPlanned":
      return <TextAreaField label={t("incidents.facts.text")} value={v as string} onChange={emit} rows={3} testId={`${id}-value`} />;
  }
  return null;
}
