import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { usePagedList } from "../../../api/pages";
import { KeysetPager } from "../../../components/KeysetPager";
import type { TimelineEntry } from "../../../api/types";
import { Loaded } from "../../../components/Loaded";
import { formatInstant, shortHash } from "../../../lib/format";
import type { nl } from "../../../i18n/nl";

type Acts = typeof nl.incidents.acts;
/** "incident.recorded", ...: the event types the UI has words for (nested in the i18n files by their dot). */
type Act = { [G in keyof Acts]: `${G & string}.${keyof Acts[G] & string}` }[keyof Acts];
const isAct = (type: string): type is Act => type in ACTS;
const ACTS: Record<Act, true> = {
  "incident.recorded": true,
  "incident.updated": true,
  "incident.assessed": true,
  "incident.customers_added": true,
  "incident.customer_removed": true,
  "incident.facts_saved": true,
  "incident.closed": true,
  "breach.notices_sent": true,
  "obligation.opened": true,
  "obligation.met": true,
  "obligation.cancelled": true,
  "obligation.reminded": true,
  "obligation.missed": true,
  "notice.queued": true,
  "notice.sent": true,
  "notice.held": true,
  "notice.failed": true,
  "notice.bounced": true,
  "notice.opened": true,
  "notice.acknowledged": true,
};

const PAGE = 200;

/** The acts of the incident in order, each with its evidence hash (art. 33(5) documentation), a page at a time (keyset). */
export function TimelineSection({ incidentId, version }: { incidentId: string; version: number }) {
  const { t } = useTranslation();
  const { pages, state } = usePagedList([incidentId, version], (page) =>
    unwrap(api.GET("/api/v1/incidents/{id}/timeline", { params: { path: { id: incidentId }, query: { limit: PAGE, ...page } } })),
  );
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t("incidents.timeline.title")}</h2>
      <p className="hint">{t("incidents.timeline.intro")}</p>
      <Loaded state={state}>
        {(timeline) => (
          <>
            <div className="table-wrap">
              <table className="table table-compact" data-testid="timeline-table">
                <thead>
                  <tr>
                    <th scope="col">{t("incidents.timeline.at")}</th>
                    <th scope="col">{t("incidents.timeline.act")}</th>
                    <th scope="col">{t("incidents.timeline.who")}</th>
                    <th scope="col">{t("incidents.customer")}</th>
                    <th scope="col">{t("incidents.timeline.hash")}</th>
                  </tr>
                </thead>
                <tbody>
                  {timeline.entries.map((e, i) => (
                    <tr key={`${e.hash}-${i}`} data-testid="timeline-row" data-type={e.type}>
                      <td className="nowrap small">{formatInstant(e.at)}</td>
                      <td>
                        <ActText entry={e} />
                      </td>
                      <td className="small">{e.actor}</td>
                      <td className="small">{e.customer ? <Link to={`/admin/customers/${e.customer.id}`}>{e.customer.name}</Link> : "—"}</td>
                      <td className="small">
                        <code title={e.hash}>{shortHash(e.hash)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <KeysetPager
              pages={pages}
              limit={PAGE}
              shown={timeline.entries.length}
              next={timeline.next}
              total={timeline.total}
              totalExact={timeline.totalExact}
            />
          </>
        )}
      </Loaded>
    </section>
  );
}

function ActText({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  if (!isAct(entry.type)) {
    return <code>{entry.type}</code>;
  }
  return (
    <>
      {t(`incidents.acts.${entry.type}`)} <span className="muted small">({entry.type})</span>
    </>
  );
}
