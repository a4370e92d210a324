import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import type { ControllerDetail } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { Loaded } from "../../../components/Loaded";
import { centsToInput, formatEuros, parseEuros } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";

interface Row {
  taken: boolean;
  fee: string;
}

/**
 * The services a customer takes, with the monthly fee of each (art. 11: the liability cap is the
 * fees of the month before the event). Saving may make a new Annex 1 version.
 */
export function ServicesEditor({
  controller,
  readOnly,
  onSaved,
}: {
  controller: ControllerDetail;
  readOnly: boolean;
  onSaved: (updated: ControllerDetail) => void;
}) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const catalogue = useApi(() => unwrap(api.GET("/api/v1/catalogue")), []);
  const initial = useMemo(() => {
    const rows: Record<string, Row> = {};
    for (const s of controller.services) {
      rows[s.code] = { taken: true, fee: centsToInput(s.monthlyFeeCents, lang) };
    }
    return rows;
    // Formatted once, in the language of the moment; both notations are read back.
  }, [controller.services]);
  const [rows, setRows] = useState<Record<string, Row>>(initial);
  const [invalid, setInvalid] = useState<string[]>([]);
  const save = useAction((services: { code: string; monthlyFeeCents: number }[]) =>
    unwrap(api.PUT("/api/v1/controllers/{id}/services", { params: { path: { id: controller.id } }, body: { services } })),
  );

  const row = (code: string): Row => rows[code] ?? { taken: false, fee: centsToInput(0, lang) };
  const setRow = (code: string, next: Partial<Row>) => {
    setRows((current) => ({ ...current, [code]: { ...row(code), ...next } }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    // In catalogue order, so the same choice is always sent the same way.
    const order = (catalogue.data?.services ?? []).map((s) => s.code);
    const position = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
    const chosen = Object.entries(rows)
      .filter(([, r]) => r.taken)
      .sort(([a], [b]) => position(a) - position(b));
    const bad = chosen.filter(([, r]) => parseEuros(r.fee) === null).map(([code]) => code);
    setInvalid(bad);
    if (bad.length > 0) {
      return;
    }
    const result = await save.execute(chosen.map(([code, r]) => ({ code, monthlyFeeCents: parseEuros(r.fee) ?? 0 })));
    if (result.ok) {
      onSaved(result.value);
    }
  }

  return (
    <Loaded state={catalogue}>
      {({ services }) => {
        const shown = services.filter((s) => s.active || row(s.code).taken);
        return (
          <form noValidate onSubmit={(e) => void submit(e)}>
            <ErrorAlert error={save.error} />
            <div className="table-wrap">
              <table className="table" data-testid="services-editor">
                <thead>
                  <tr>
                    <th scope="col">{t("customer.takes")}</th>
                    <th scope="col">{t("catalogue.service")}</th>
                    <th scope="col">{t("customer.monthlyFee")}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((s) => {
                    const r = row(s.code);
                    const feeId = `fee-${s.code}`;
                    const bad = invalid.includes(s.code);
                    return (
                      <tr key={s.code}>
                        <td>
                          <input
                            type="checkbox"
                            checked={r.taken}
                            disabled={readOnly}
                            onChange={(e) => setRow(s.code, { taken: e.target.checked })}
                            aria-label={t("customer.takesService", { name: pick(s.nameNl, s.nameEn) })}
                            data-testid={`service-${s.code}`}
                          />
                        </td>
                        <td>
                          {pick(s.nameNl, s.nameEn)} <code className="muted small">{s.code}</code>
                          {s.active ? null : <span className="muted small"> ({t("catalogue.inactive")})</span>}
                        </td>
                        <td>
                          {readOnly ? (
                            r.taken ? (
                              formatEuros(parseEuros(r.fee) ?? 0, lang)
                            ) : (
                              "—"
                            )
                          ) : (
                            <>
                              <label htmlFor={feeId} className="sr-only">
                                {t("customer.monthlyFeeOf", { name: pick(s.nameNl, s.nameEn) })}
                              </label>
                              <span className="money-input">
                                €{" "}
                                <input
                                  id={feeId}
                                  inputMode="decimal"
                                  value={r.fee}
                                  disabled={!r.taken}
                                  onChange={(e) => setRow(s.code, { fee: e.target.value })}
                                  aria-invalid={bad || undefined}
                                  data-testid={`fee-${s.code}`}
                                />
                              </span>
                              {bad ? <p className="field-error">{t("customer.feeInvalid")}</p> : null}
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {readOnly ? null : (
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="services-save">
                  {t("customer.saveServices")}
                </button>
                <span className="hint">{t("customer.servicesHint")}</span>
              </div>
            )}
          </form>
        );
      }}
    </Loaded>
  );
}
