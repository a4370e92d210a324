import type { Term } from "../../../api/types";
import { useLang } from "../../../lib/useLang";

/** A fieldset of checkboxes, one per term (purpose, data category, data-subject category). */
export function TermChecklist({
  legend,
  terms,
  chosen,
  onChange,
  disabled,
  error,
  testId,
}: {
  legend: string;
  terms: readonly Term[];
  chosen: readonly string[];
  onChange: (codes: string[]) => void;
  disabled: boolean;
  error?: string | undefined;
  testId: string;
}) {
  const { pick } = useLang();
  const toggle = (code: string, on: boolean) => {
    // Keep the catalogue's order, whatever order the boxes were ticked in.
    const next = new Set(chosen);
    if (on) {
      next.add(code);
    } else {
      next.delete(code);
    }
    onChange(terms.map((t) => t.code).filter((c) => next.has(c)));
  };
  return (
    <fieldset className={`checklist${error ? " field-invalid" : ""}`} data-testid={testId}>
      <legend>{legend}</legend>
      {terms.map((term) => (
        <label key={term.code} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(term.code)}
            disabled={disabled}
            onChange={(e) => toggle(term.code, e.target.checked)}
            value={term.code}
          />
          {pick(term.labelNl, term.labelEn)}
        </label>
      ))}
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}
