import { useTranslation } from "react-i18next";
import type { BreachFactKey, BreachFacts } from "../../api/types";
import { describeFacts } from "../../lib/breach-facts";
import { useLang } from "../../lib/useLang";
import { Badge } from "../StatusBadge";

/**
 * A notice's facts of art. 6.2 as label and value, in the order of art. 6.2, as the email says them:
 * a fact not yet known reads "Nog onbekend"; one changed since the previous notice is marked.
 */
export function FactsList({ facts, changed = [], testId = "breach-facts" }: { facts: BreachFacts; changed?: readonly BreachFactKey[]; testId?: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <dl className="facts breach-facts" data-testid={testId}>
      {describeFacts(facts, lang, t, changed).map((row) => (
        <div
          key={row.key}
          className={row.changed ? "fact-changed" : undefined}
          data-testid="breach-fact"
          data-key={row.key}
          data-unknown={row.unknown ? "true" : "false"}
          data-changed={row.changed ? "true" : "false"}
        >
          <dt>
            {row.label}
            {row.changed ? (
              <>
                {" "}
                <Badge tone="warning">{t("breaches.changed")}</Badge>
              </>
            ) : null}
          </dt>
          <dd className={row.unknown ? "fact-unknown" : row.missing ? "muted" : "prewrap"}>{row.text}</dd>
        </div>
      ))}
    </dl>
  );
}
