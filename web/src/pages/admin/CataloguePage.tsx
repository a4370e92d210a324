import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useApi } from "../../api/useApi";
import { Notice } from "../../components/ErrorAlert";
import { Loaded } from "../../components/Loaded";
import { PageHeader } from "../../components/PageHeader";
import { Badge } from "../../components/StatusBadge";
import { useLang } from "../../lib/useLang";
import { canStaffWrite, useMe } from "../../session";
import { ServiceEditor } from "./catalogue/ServiceEditor";

/** The service catalogue (Annex 1A) and, per service, its purposes and categories (1B–1D). */
export function CataloguePage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const me = useMe();
  const readOnly = !canStaffWrite(me);
  const state = useApi(() => unwrap(api.GET("/api/v1/catalogue")), []);
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [savedCode, setSavedCode] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title={t("catalogue.title")}
        subtitle={t("catalogue.intro")}
        actions={
          readOnly ? null : (
            <button type="button" className="btn btn-primary" onClick={() => setEditing("new")} data-testid="service-new">
              {t("catalogue.newService")}
            </button>
          )
        }
      />
      {savedCode ? <Notice tone="success">{t("catalogue.saved", { code: savedCode })}</Notice> : null}
      <Loaded state={state}>
        {(catalogue) => {
          const label = (list: typeof catalogue.purposes, codes: readonly string[]) =>
            codes.map((c) => {
              const term = list.find((x) => x.code === c);
              return term ? pick(term.labelNl, term.labelEn) : c;
            });
          const editor = (id: string | "new") => (
            <ServiceEditor
              key={id}
              catalogue={catalogue}
              service={id === "new" ? null : (catalogue.services.find((s) => s.id === id) ?? null)}
              readOnly={readOnly}
              onCancel={() => setEditing(null)}
              onSaved={(s) => {
                setSavedCode(s.code);
                setEditing(null);
                state.reload();
              }}
            />
          );
          return (
            <>
              {editing === "new" ? editor("new") : null}
              <div className="table-wrap">
                <table className="table" data-testid="services-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("catalogue.code")}</th>
                      <th scope="col">{t("catalogue.service")}</th>
                      <th scope="col">{t("annex.parts.purposes")}</th>
                      <th scope="col">{t("annex.parts.dataCategories")}</th>
                      <th scope="col">{t("annex.parts.subjectCategories")}</th>
                      <th scope="col">
                        <span className="sr-only">{t("common.actions")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {catalogue.services.map((s) => (
                      <tr key={s.id} data-service={s.code}>
                        <td>
                          <code>{s.code}</code>
                        </td>
                        <td>
                          {pick(s.nameNl, s.nameEn)} {s.active ? null : <Badge tone="neutral">{t("catalogue.inactive")}</Badge>}
                        </td>
                        <td className="small">{label(catalogue.purposes, s.purposes).join(", ") || "—"}</td>
                        <td className="small">{label(catalogue.dataCategories, s.dataCategories).join(", ") || "—"}</td>
                        <td className="small">{label(catalogue.subjectCategories, s.subjectCategories).join(", ") || "—"}</td>
                        <td className="actions">
                          <button
                            type="button"
                            className="btn btn-small"
                            onClick={() => setEditing(s.id)}
                            data-testid="service-edit"
                            aria-expanded={editing === s.id}
                          >
                            {readOnly ? t("common.view") : t("common.edit")}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {editing !== null && editing !== "new" ? editor(editing) : null}
            </>
          );
        }}
      </Loaded>
    </>
  );
}
