import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../../api/client";
import { unwrapPage, usePagedList, useUrlFilters } from "../../../api/pages";
import { PagedList } from "../../../components/PagedList";
import { SelectField } from "../../../components/fields";
import { PageHeader } from "../../../components/PageHeader";
import { SearchForm } from "../../../components/SearchForm";
import { SubjectRequestsTable } from "../../../components/subject-requests/SubjectRequestParts";

const PAGE = 50;
const STATUSES = ["received", "forwarded", "not_ours", "closed"] as const;
type Status = (typeof STATUSES)[number];
const asStatus = (v: string | null) => STATUSES.find((s) => s === v);

/**
 * Data subjects' requests that reached the processor (art. 8.1), for its privacy staff: newest
 * first, searchable by reference or customer, filtered by status, a page at a time (keyset).
 * The filters live in the URL.
 */
export function SubjectRequestsPage() {
  const { t } = useTranslation();
  const [filters, update] = useUrlFilters(["status", "q"]);
  const status = asStatus(filters.status);
  const q = filters.q;
  const { pages, state } = usePagedList([status, q], (page) =>
    unwrapPage(api.GET("/api/v1/subject-requests", { params: { query: { limit: PAGE, ...page, ...(status ? { status } : {}), ...(q ? { q } : {}) } } })),
  );

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
      <SearchForm
        id="subject-requests-search"
        label={t("subjectRequests.search")}
        applied={q}
        onSearch={(text) => update({ q: text })}
        testId="subject-requests-search"
      >
        <SelectField<Status | "">
          label={t("subjectRequests.status")}
          value={status ?? ""}
          onChange={(value) => update({ status: value })}
          options={[{ value: "", label: t("subjectRequests.allStatuses") }, ...STATUSES.map((s) => ({ value: s, label: t(`subjectRequests.statuses.${s}`) }))]}
          testId="subject-requests-status"
        />
      </SearchForm>
      <section className="card">
        <PagedList state={state} pages={pages} limit={PAGE} empty={t("subjectRequests.none")} emptyTestId="subject-requests-empty">
          {(items) => <SubjectRequestsTable list={items} base="/admin/subject-requests" staff />}
        </PagedList>
      </section>
    </>
  );
}
