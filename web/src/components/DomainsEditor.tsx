import { useState, type FormEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import { useAction } from "../api/useApi";
import type { Domain } from "../api/types";
import { ErrorAlert, Notice } from "./ErrorAlert";
import { TextField } from "./fields";

/**
 * art. 8.1: the domain names a customer uses (websites, e-mail), by which a data subject's request
 * that reaches the processor finds it. Names are added and removed here and sent together; the
 * server normalises them and names a refused one by its place in the list (`domains.<i>`).
 */
export function DomainsEditor({
  controllerId,
  domains,
  readOnly,
  onSaved,
}: {
  controllerId: string;
  domains: Domain[];
  readOnly: boolean;
  onSaved?: (saved: Domain[]) => void;
}) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<string[]>(() => domains.map((d) => d.display));
  const [typed, setTyped] = useState("");
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = useAction((list: string[]) =>
    unwrap(api.PUT("/api/v1/controllers/{id}/domains", { params: { path: { id: controllerId } }, body: { domains: list } })),
  );
  const fields = save.error?.fieldMessages() ?? {};

  const change = (next: string[]) => {
    setEntries(next);
    setDirty(true);
    setSaved(false);
  };
  const add = () => {
    const value = typed.trim();
    if (value === "") {
      return;
    }
    change([...entries, value]);
    setTyped("");
  };
  const addOnEnter = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Enter" && (event.target as HTMLElement).tagName === "INPUT") {
      event.preventDefault();
      add();
    }
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // A name still in the field counts: people type it and press save.
    const list = typed.trim() === "" ? entries : [...entries, typed.trim()];
    setEntries(list);
    setTyped("");
    const result = await save.execute(list);
    if (result.ok) {
      setEntries(result.value.map((d) => d.display));
      setDirty(false);
      setSaved(true);
      onSaved?.(result.value);
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form-narrow" aria-label={t("domains.heading")} data-testid="domains-editor">
      {saved ? (
        <Notice tone="success" testId="domains-saved">
          {t("domains.saved")}
        </Notice>
      ) : null}
      <ErrorAlert error={save.error} />
      {fields.domains ? <p className="field-error">{fields.domains}</p> : null}
      {entries.length === 0 ? (
        <p className="muted" data-testid="domains-none">
          {t("domains.none")}
        </p>
      ) : (
        <ul className="plain domain-list" aria-label={t("domains.list")}>
          {entries.map((entry, i) => {
            const error = fields[`domains.${i}`];
            const stored = domains.find((d) => d.display === entry && d.domain !== d.display)?.domain;
            return (
              <li key={`${entry}-${i}`} className="row-actions" data-testid="domain-entry">
                <span>
                  <strong data-testid="domain-name">{entry}</strong>
                  {stored ? <span className="muted small"> ({stored})</span> : null}
                </span>
                {readOnly ? null : (
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    onClick={() => change(entries.filter((_, j) => j !== i))}
                    aria-label={t("domains.remove", { domain: entry })}
                    data-testid="domain-remove"
                  >
                    {t("domains.removeShort")}
                  </button>
                )}
                {error ? (
                  <p className="field-error" data-testid="domain-error">
                    {error}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {readOnly ? null : (
        <>
          <p className="hint">{t("domains.newHint")}</p>
          <div className="inline-form domain-add" onKeyDown={addOnEnter}>
            <TextField label={t("domains.newLabel")} value={typed} onChange={setTyped} maxLength={500} testId="domain-new" />
            <button type="button" className="btn" onClick={add} data-testid="domain-add">
              {t("domains.add")}
            </button>
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="domains-save">
              {t("domains.save")}
            </button>
            {dirty ? <span className="hint">{t("domains.unsaved")}</span> : null}
          </div>
        </>
      )}
    </form>
  );
}
