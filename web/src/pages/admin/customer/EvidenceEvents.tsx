import { useTranslation } from "react-i18next";
import type { EvidenceEvent } from "../../../api/types";
import { formatInstant, shortHash } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { EventData } from "../../../components/EventData";

/** The customer's slice of the hash-chained evidence log, newest first. */
export function EvidenceEvents({ events }: { events: readonly EvidenceEvent[] }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  if (events.length === 0) {
    return <p className="muted">{t("events.none")}</p>;
  }
  return (
    <div className="table-wrap">
      <table className="table table-compact" data-testid="events-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("events.occurredAt")}</th>
            <th scope="col">{t("events.type")}</th>
            <th scope="col">{t("events.actor")}</th>
            <th scope="col">{t("events.data")}</th>
            <th scope="col">{t("events.hash")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td className="nowrap">{formatInstant(e.occurredAt)}</td>
              <td data-testid="event-type">{e.typeLabel[lang]}</td>
              <td>{e.actorLabel}</td>
              <td>
                <EventData type={e.type} data={e.data} />
              </td>
              <td>
                <code title={e.hash}>{shortHash(e.hash)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
