import { useTranslation } from "react-i18next";
import type { Clocks } from "../../../api/types";
import { CLOCK_KEYS } from "./clocks";

/** The clocks of a version as a compact two-column list: "Datalek — 48 uur". */
export function ClocksSummary({ clocks }: { clocks: Clocks }) {
  const { t } = useTranslation();
  return (
    <dl className="clock-list">
      {CLOCK_KEYS.map((key) => (
        <div key={key}>
          <dt>{t(`clocks.short.${key}`)}</dt>
          <dd>
            {clocks[key]} {t(`clocks.unit.${unitOf(key)}`)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function unitOf(key: keyof Clocks): "hours" | "days" | "months" {
  return key.endsWith("Hours") ? "hours" : key.endsWith("Months") ? "months" : "days";
}
