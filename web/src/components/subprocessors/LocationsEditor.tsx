import { useTranslation } from "react-i18next";
import type { LocationBody, TransferMechanism } from "../../api/types";
import { SelectField, TextField } from "../fields";

const MECHANISMS: readonly (TransferMechanism | "")[] = ["", "scc", "bcr", "dpf", "art49"];

/** Rows of country, city and transfer ground; field errors come keyed as `<prefix>.<i>.<field>`. */
export function LocationsEditor({
  value,
  onChange,
  fields,
  prefix,
}: {
  value: LocationBody[];
  onChange: (next: LocationBody[]) => void;
  fields: Record<string, string>;
  prefix: string;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<LocationBody>) => onChange(value.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const listError = fields[prefix];
  return (
    <fieldset className="checklist" data-testid={`${prefix.replaceAll(".", "-")}-editor`}>
      <legend>{t("subprocessors.locations")}</legend>
      {listError ? <p className="field-error">{listError}</p> : null}
      {value.map((l, i) => (
        <div className="location-row" key={i} data-testid="location-edit">
          <TextField
            label={t("subprocessors.country")}
            value={l.country}
            onChange={(v) => set(i, { country: v.toUpperCase().slice(0, 2) })}
            required
            maxLength={2}
            pattern="[A-Z]{2}"
            hint={i === 0 ? t("subprocessors.countryHint") : undefined}
            error={fields[`${prefix}.${i}.country`]}
            testId="location-country"
          />
          <TextField
            label={t("subprocessors.city")}
            value={l.city ?? ""}
            onChange={(v) => set(i, { city: v === "" ? null : v })}
            maxLength={100}
            error={fields[`${prefix}.${i}.city`]}
            testId="location-city"
          />
          <SelectField<TransferMechanism | "">
            label={t("subprocessors.mechanism")}
            value={l.mechanism ?? ""}
            onChange={(v) => set(i, { mechanism: v === "" ? null : v })}
            options={MECHANISMS.map((m) => ({ value: m, label: m === "" ? t("subprocessors.mechanisms.none") : t(`subprocessors.mechanisms.${m}`) }))}
            hint={i === 0 ? t("subprocessors.mechanismHint") : undefined}
            error={fields[`${prefix}.${i}.mechanism`]}
            testId="location-mechanism"
          />
          <button
            type="button"
            className="btn btn-small btn-danger"
            onClick={() => onChange(value.filter((_, j) => j !== i))}
            aria-label={`${t("subprocessors.removeLocation")} ${t("subprocessors.locationN", { n: i + 1 })}`}
          >
            {t("subprocessors.removeLocation")}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => onChange([...value, { country: "", city: null, mechanism: null }])}
        data-testid="location-add"
      >
        {t("subprocessors.addLocation")}
      </button>
    </fieldset>
  );
}
