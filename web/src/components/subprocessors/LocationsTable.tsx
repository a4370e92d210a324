import { useTranslation } from "react-i18next";
import type { SubprocessorLocation } from "../../api/types";
import { useLang } from "../../lib/useLang";
import { MechanismLabel, ZoneBadge } from "./badges";

/** Where a sub-processor processes: country, city, zone (EEA / adequate / third) and the transfer ground. */
export function LocationsTable({ locations, testId = "locations-table" }: { locations: readonly SubprocessorLocation[]; testId?: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  if (locations.length === 0) {
    return <p className="muted">{t("subprocessors.noLocations")}</p>;
  }
  return (
    <div className="table-wrap">
      <table className="table table-compact" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t("subprocessors.country")}</th>
            <th scope="col">{t("subprocessors.city")}</th>
            <th scope="col">{t("subprocessors.zone")}</th>
            <th scope="col">{t("subprocessors.mechanism")}</th>
          </tr>
        </thead>
        <tbody>
          {locations.map((l, i) => (
            <tr key={`${l.country}-${l.city ?? ""}-${i}`} data-testid="location-row" data-country={l.country}>
              <td>
                {l.countryName[lang]} <span className="muted">({l.country})</span>
              </td>
              <td>{l.city ?? "—"}</td>
              <td>
                <ZoneBadge zone={l.zone} lawful={l.lawful} />
              </td>
              <td>{l.zone === "eea" ? <span className="muted">—</span> : <MechanismLabel mechanism={l.mechanism} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
