import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { Loaded } from "../../../components/Loaded";
import { ObligationsTable } from "../../../components/obligations/ObligationsTable";

/** Every deadline of one customer (running ones first, then closed), with the state of each. */
export function CustomerObligations({ controllerId }: { controllerId: string }) {
  const { t } = useTranslation();
  const state = useApi(() => unwrap(api.GET("/api/v1/obligations", { params: { query: { controllerId, status: "all", pageSize: 50 } } })), [controllerId]);
  return (
    <Loaded state={state}>
      {(page) => {
        if (page.items.length === 0) {
          return <p className="muted">{t("obligations.none")}</p>;
        }
        // The server orders "all" by due date, newest first; running ones lead here.
        const items = [...page.items.filter((o) => o.status === "open"), ...page.items.filter((o) => o.status !== "open")];
        return (
          <>
            <ObligationsTable obligations={items} linkTo={(o) => `/admin/obligations/${o.id}`} showCustomer={false} testId="customer-obligations" />
            {page.total > page.items.length ? <p className="muted small">{t("pager.range", { from: 1, to: page.items.length, total: page.total })}</p> : null}
          </>
        );
      }}
    </Loaded>
  );
}
