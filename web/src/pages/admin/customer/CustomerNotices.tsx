import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { Loaded } from "../../../components/Loaded";
import { NoticesTable } from "../../../components/notices/NoticesTable";

/** The customer's inbox as the customer sees it (read and acknowledged included), newest first. */
export function CustomerNotices({ controllerId }: { controllerId: string }) {
  const { t } = useTranslation();
  const state = useApi(() => unwrap(api.GET("/api/v1/notices", { params: { query: { controllerId, pageSize: 20 } } })), [controllerId]);
  return (
    <Loaded state={state}>
      {(page) =>
        page.items.length === 0 ? (
          <p className="muted">{t("notices.none")}</p>
        ) : (
          <>
            <NoticesTable notices={page.items} linkTo={(n) => `/admin/notices/${n.id}`} testId="customer-notices" />
            {page.total > page.items.length ? <p className="muted small">{t("pager.range", { from: 1, to: page.items.length, total: page.total })}</p> : null}
          </>
        )
      }
    </Loaded>
  );
}
