import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useCursorPages } from "../../../api/pages";
import { useApi } from "../../../api/useApi";
import { KeysetPager } from "../../../components/KeysetPager";
import { Loaded } from "../../../components/Loaded";
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
    <Loaded state={state}>
      {(page) =>
        page.items.length === 0 ? (
          <p className="muted">{t("obligations.none")}</p>
        ) : (
          <>
            <ObligationsTable obligations={page.items} linkTo={(o) => `/admin/obligations/${o.id}`} showCustomer={false} testId="customer-obligations" />
            <KeysetPager pages={pages} limit={PAGE} shown={page.items.length} next={page.next} total={page.total} totalExact={page.totalExact} />
          </>
        )
      }
    </Loaded>
  );
}
