import { useTranslation } from "react-i18next";
import { useLang } from "../../lib/useLang";
import type { Annex2Changes } from "./measures-api";

/** What changed in Annex 2: measures added, changed (with the fields) and removed. */
export function Annex2ChangesList({ changes, testId }: { changes: Annex2Changes; testId?: string }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const groups = [
    { key: "added", items: changes.added.map((m) => ({ code: m.code, title: pick(m.title.nl, m.title.en), fields: [] as string[] })) },
    { key: "changed", items: changes.changed.map((m) => ({ code: m.code, title: pick(m.title.nl, m.title.en), fields: m.fields })) },
    { key: "removed", items: changes.removed.map((m) => ({ code: m.code, title: pick(m.title.nl, m.title.en), fields: [] as string[] })) },
  ] as const;
  if (groups.every((g) => g.items.length === 0)) {
    return <p className="muted">{t("measures.changes.none")}</p>;
  }
  return (
    <div className="annex2-changes" data-testid={testId}>
      {groups.map((g) =>
        g.items.length === 0 ? null : (
          <section key={g.key} data-change={g.key}>
            <h3>{t(`measures.changes.${g.key}`)}</h3>
            <ul>
              {g.items.map((m) => (
                <li key={m.code} data-measure={m.code}>
                  {m.title}
                  {m.fields.length > 0 ? (
                    <span className="muted small">
                      {" "}
                      ({m.fields.map((f) => t(`measures.changes.fields.${f as "theme" | "category" | "title" | "description"}`)).join(", ")})
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ),
      )}
    </div>
  );
}
