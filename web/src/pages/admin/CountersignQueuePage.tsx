import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client";
import { unwrapPage, useCursorPages } from "../../api/pages";
import { useApi } from "../../api/useApi";
import { PagedList } from "../../components/PagedList";
import { PageHeader } from "../../components/PageHeader";
import { formatInstant } from "../../lib/format";

const PAGE = 50;

/** Agreements the customer has signed that wait for the processor's signature, a page at a time. */
export function CountersignQueuePage() {
  const { t } = useTranslation();
  const pages = useCursorPages("");
  const state = useApi(
    () =>
      unwrapPage(
        api.GET("/api/v1/agreements", {
          params: { query: { status: "signed_by_customer", offset: 0, limit: PAGE, ...(pages.after ? { after: pages.after } : {}) } },
        }),
      ),
    [pages.after],
  );
  return (
    <>
      <PageHeader title={t("countersign.queueTitle")} subtitle={t("countersign.queueIntro")} />
      <PagedList state={state} pages={pages} limit={PAGE} empty={t("countersign.queueEmpty")} emptyTestId="countersign-empty">
        {(list) => (
          <div className="table-wrap">
            <table className="table" data-testid="countersign-queue">
              <thead>
                <tr>
                  <th scope="col">{t("agreement.customer")}</th>
                  <th scope="col">{t("agreement.version")}</th>
                  <th scope="col">{t("agreement.customerSignedAt")}</th>
                  <th scope="col">{t("agreement.signedBy")}</th>
                  <th scope="col">
                    <span className="sr-only">{t("common.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => {
                  const signer = a.signatures.find((s) => s.party === "controller");
                  return (
                    <tr key={a.id} data-agreement-id={a.id}>
                      <td>
                        <Link to={`/admin/customers/${a.controllerId}`}>{a.controllerName}</Link>
                      </td>
                      <td>{a.templateVersion}</td>
                      <td>{formatInstant(a.customerSignedAt)}</td>
                      <td>{signer ? `${signer.typedName} (${signer.function})` : "—"}</td>
                      <td className="actions">
                        <Link className="btn btn-small btn-primary" to={`/admin/agreements/${a.id}`} data-testid="countersign-open">
                          {t("countersign.open")}
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </PagedList>
    </>
  );
}
