import { useTranslation } from "react-i18next";

/** "documentSha256" → "Document sha256", "ip_source" → "Ip source": a key as words. */
function keyWords(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_.]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * An evidence event's data as key/value lines people can read, with the raw JSON (and the type's code)
 * kept under "Technical details" for auditors.
 */
export function EventData({ type, data }: { type: string; data: Readonly<Record<string, unknown>> }) {
  const { t } = useTranslation();
  const value = (v: unknown): string => {
    if (v === null || v === undefined || v === "") {
      return "—";
    }
    if (typeof v === "boolean") {
      return v ? t("edges.yes") : t("edges.no");
    }
    if (Array.isArray(v)) {
      return v.map(value).join("; ") || "—";
    }
    if (typeof v === "object") {
      // One level of words for a nested record ("name: Bram Visser, role: privacy_contact").
      return Object.entries(v as Record<string, unknown>)
        .map(([key, inner]) => `${keyWords(key).toLowerCase()}: ${typeof inner === "object" && inner !== null ? JSON.stringify(inner) : value(inner)}`)
        .join(", ");
    }
    return String(v as string | number | bigint);
  };
  const entries = Object.entries(data);
  return (
    <>
      {entries.length === 0 ? (
        <span className="muted">{t("edges.noData")}</span>
      ) : (
        <dl className="status-list event-data" data-testid="event-data">
          {entries.map(([key, v]) => (
            <div key={key}>
              <dt>{keyWords(key)}</dt>
              <dd style={{ overflowWrap: "anywhere" }}>{value(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      <details>
        <summary>{t("edges.technicalDetails")}</summary>
        <p className="small">
          {t("edges.eventCode")}: <code data-testid="event-code">{type}</code>
        </p>
        <pre className="json">{JSON.stringify(data, null, 2)}</pre>
      </details>
    </>
  );
}
