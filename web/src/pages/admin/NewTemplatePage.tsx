import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { useApi } from "../../api/useApi";
import { Loaded } from "../../components/Loaded";
import { Notice } from "../../components/ErrorAlert";
import { PageHeader } from "../../components/PageHeader";
import { TemplateEditor } from "./template/TemplateEditor";

/** A new template version, starting from the latest version's texts and parameters. */
export function NewTemplatePage() {
  const { t } = useTranslation();
  const state = useApi(async () => {
    const versions = await unwrap(api.GET("/api/v1/templates"));
    const latest = versions.reduce<number | null>((max, v) => (max === null || v.version > max ? v.version : max), null);
    return latest === null ? null : unwrap(api.GET("/api/v1/templates/{version}", { params: { path: { version: latest } } }));
  }, []);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/templates">{t("templates.title")}</Link>
      </p>
      <PageHeader title={t("templates.newTitle")} subtitle={t("templates.newIntro")} />
      <Loaded state={state}>{(base) => (base ? <TemplateEditor base={base} /> : <Notice tone="warning">{t("templates.noBase")}</Notice>)}</Loaded>
    </>
  );
}
