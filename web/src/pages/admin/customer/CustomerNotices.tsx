import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useCursorPages } from "../../../api/pages";
import { useApi } from "../../../api/useApi";
import { PagedList } from "../../../components/PagedList";
import { NoticesTable } from "../../../components/notices/NoticesTable";

const PAGE = 20;

/** The customer's inbox as the customer sees it (read and acknowledged included), newest first, a page at a time. */
export function CustomerNotices({ controllerId }: { controllerId: string }) {
  const { t } = useTranslation();
  const pages = useCursorPages(controllerId);
  const state = useApi(
    () => unwrap(api.GET("/api/v1/notices", { params: { query: { controllerId, limit: PAGE, ...(pages.after ? { after: pages.after } : {}) } } })),
    [controllerId, pages.after],
  );
  return (
    <PagedList state={state} pages={pages} limit={PAGE} empty={t("notices.none")}>
      {(items) => <NoticesTable notices={items} linkTo={(n) => `/admin/notices/${n.id}`} testId="customer-notices" />}
    </PagedList>
  );
}
