import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { SubprocessorChange } from "../../api/types";
import { formatInstant } from "../../lib/format";
import { useLang } from "../../lib/useLang";
import { LocationsTable } from "./LocationsTable";

/** What a change does and when: the facts both the back-office and the portal show. */
export function ChangeFacts({ change, subprocessorLink, staff }: { change: SubprocessorChange; subprocessorLink?: ReactNode; staff: boolean }) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const rows: [string, ReactNode, string?][] = [
    [t("changes.kind"), t(`changes.kinds.${change.kind}`)],
    [t("changes.subprocessor"), subprocessorLink ?? change.subprocessor.name],
    ...(change.replaces ? ([[t("changes.replaces"), change.replaces.name]] as [string, ReactNode][]) : []),
    [t("changes.services"), change.plan.services.map((s) => pick(s.nl, s.en)).join(", ") || "—"],
    [t("changes.announcedAt"), formatInstant(change.announcedAt)],
    [t("changes.windowClosesAt"), formatInstant(change.windowClosesAt), "change-window-closes"],
    [
      t("changes.effectiveAt"),
      change.appliedAt ? formatInstant(change.appliedAt) : change.effectiveAt ? formatInstant(change.effectiveAt) : t("changes.noEffective"),
      "change-effective-at",
    ],
    ...(change.withdrawnAt
      ? ([
          [t("changes.withdrawnAt"), formatInstant(change.withdrawnAt)],
          [t("changes.withdrawnReason"), change.withdrawnReason ?? "—"],
        ] as [string, ReactNode][])
      : []),
    ...(staff && change.affectedCount !== null
      ? ([[t("changes.affected"), t("changes.affectedN", { count: change.affectedCount }), "change-affected"]] as [string, ReactNode, string][])
      : []),
    ...(staff && change.objections
      ? ([[t("changes.objections"), t("changes.objectionsN", { total: change.objections.total, open: change.objections.open }), "change-objections-count"]] as [
          string,
          ReactNode,
          string,
        ][])
      : []),
  ];
  return (
    <>
      <dl className="facts">
        {rows.map(([label, value, testId]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>{t("changes.description")}</h3>
      {staff ? (
        <div className="grid-2">
          <p className="quote" lang="nl">
            {change.description.nl}
          </p>
          <p className="quote" lang="en">
            {change.description.en}
          </p>
        </div>
      ) : (
        <p className="quote" data-testid="change-description">
          {change.description[lang]}
        </p>
      )}
      {change.plan.locations ? (
        <>
          <h3>{t("changes.movesTo")}</h3>
          <LocationsTable locations={change.plan.locations} testId="change-locations" />
        </>
      ) : null}
    </>
  );
}
