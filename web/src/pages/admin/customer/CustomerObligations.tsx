import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useCursorPages } from "../../../api/pages";
import { useApi } from "../../../api/useApi";
import { PagedList } from "../../../components/PagedList";
import { ObligationsTable } from "../../../components/obligations/ObligationsTable";

const PAGE = 50;

/** Every deadline of one customer, the overdue ones first, then newest due first (the server's order), a page at a time. */
export function CustomerObligations({ controllerId }: { controllerId: string }) {
  const { t } = useTranslation();
  const pages = useCursorPages(controllerId);
  const state = useApi(
    () =>
      unwrap(
        api.GET("/api/v1/obligations", { params: { query: { controllerId, status: "all", limit: PAGE, ...(pages.after ? { after: pages.after } : {}) } } }),
      ),
    [controllerId, pages.after],
  );
  return (
    <PagedList state={state} pages={pages} limit={PAGE} empty={t("obligations.none")}>
      {(items) => <ObligationsTable obligations={items} linkTo={(o) => `/admin/obligations/${o.id}`} showCustomer={false} testId="customer-obligations" />}
    </PagedList>
  );
}
