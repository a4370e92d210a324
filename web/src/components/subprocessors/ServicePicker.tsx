import { useTranslation } from "react-i18next";
import type { Service } from "../../api/types";
import { useLang } from "../../lib/useLang";

/** Checkboxes for the catalogue's services (inactive ones only when already chosen). */
export function ServicePicker({
  services,
  value,
  onChange,
  legend,
  hint,
  error,
  testId,
}: {
  services: readonly Service[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  legend: string;
  hint?: string;
  error?: string | undefined;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const shown = services.filter((s) => s.active || value.includes(s.id));
  return (
    <fieldset className={`checklist${error ? " field-invalid" : ""}`} data-testid={testId}>
      <legend>{legend}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      {shown.length === 0 ? <p className="muted">{t("subprocessors.noServices")}</p> : null}
      {shown.map((s) => (
        <label className="check" key={s.id}>
          <input
            type="checkbox"
            checked={value.includes(s.id)}
            onChange={(e) => onChange(e.target.checked ? [...value, s.id] : value.filter((id) => id !== s.id))}
            data-testid={`service-pick-${s.code}`}
          />
          <span>
            {pick(s.nameNl, s.nameEn)} <span className="muted small">({s.code})</span>
          </span>
        </label>
      ))}
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}
