import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { SubjectRequestsTable } from "../../../components/subject-requests/SubjectRequestParts";

/** Data subjects' requests that reached the processor (art. 8.1), for its privacy staff: newest first. */
export function SubjectRequestsPage() {
  const { t } = useTranslation();
  const state = useApi(() => unwrap(api.GET("/api/v1/subject-requests", { params: { query: {} } })), []);
  return (
    <>
      <PageHeader
        title={t("subjectRequests.adminTitle")}
        subtitle={t("subjectRequests.adminIntro")}
        actions={
          <Link to="/admin/subject-requests/new" className="btn btn-primary" data-testid="subject-request-new">
            {t("subjectRequests.record")}
          </Link>
        }
      />
      <section className="card">
        <Loaded state={state}>{(list) => <SubjectRequestsTable list={list} base="/admin/subject-requests" staff />}</Loaded>
      </section>
    </>
  );
}
