import { useCallback, useId, useRef, type KeyboardEvent, type ReactNode } from "react";
import { useSearchParams } from "react-router";

export interface Tab<K extends string> {
  key: K;
  label: ReactNode;
  testId?: string;
}

/**
 * The selected tab of a page, kept in the URL (`?tab=`), so a link or a reload opens the same tab.
 * An unknown or missing value is the first tab. `select(key, anchor)` also scrolls to an element
 * inside the newly shown tab.
 */
export function useTabParam<K extends string>(keys: readonly K[]): [K, (key: K, anchor?: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get("tab");
  const selected = keys.find((k) => k === value) ?? (keys[0] as K);
  const select = useCallback(
    (key: K, anchor?: string) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set("tab", key);
          return next;
        },
        { replace: true, preventScrollReset: true },
      );
      if (anchor) {
        // After the panel is shown.
        window.requestAnimationFrame(() => {
          const target = document.getElementById(anchor);
          target?.scrollIntoView({ block: "start" });
          if (target) {
            target.setAttribute("tabindex", "-1");
            target.focus({ preventScroll: true });
          }
        });
      }
    },
    [setParams],
  );
  return [selected, select];
}

/**
 * WAI-ARIA tabs: a tablist of buttons (arrow keys, Home and End move and select; only the selected
 * tab is in the tab order) and one panel per tab. Every panel stays mounted, hidden when not
 * selected, so a half-filled form in one tab survives a look at another.
 */
export function Tabs<K extends string>({
  label,
  tabs,
  selected,
  onSelect,
  panels,
}: {
  label: string;
  tabs: readonly Tab<K>[];
  selected: K;
  onSelect: (key: K) => void;
  panels: Record<K, ReactNode>;
}) {
  const base = useId();
  const refs = useRef<Partial<Record<K, HTMLButtonElement | null>>>({});
  const tabId = (key: K) => `${base}-tab-${key}`;
  const panelId = (key: K) => `${base}-panel-${key}`;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((tab) => tab.key === selected);
    const last = tabs.length - 1;
    const to =
      event.key === "ArrowRight"
        ? index === last
          ? 0
          : index + 1
        : event.key === "ArrowLeft"
          ? index === 0
            ? last
            : index - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    const next = to === null ? undefined : tabs[to];
    if (next) {
      event.preventDefault();
      onSelect(next.key);
      refs.current[next.key]?.focus();
    }
  }

  return (
    <div className="tabs">
      <div className="tablist-wrap">
        <div role="tablist" aria-label={label} className="tablist" onKeyDown={onKeyDown}>
          {tabs.map((tab) => (
            <button
              key={tab.key}
              ref={(el) => {
                refs.current[tab.key] = el;
              }}
              type="button"
              role="tab"
              id={tabId(tab.key)}
              aria-selected={tab.key === selected}
              aria-controls={panelId(tab.key)}
              tabIndex={tab.key === selected ? 0 : -1}
              className={`tab${tab.key === selected ? " tab-selected" : ""}`}
              onClick={() => onSelect(tab.key)}
              data-testid={tab.testId ?? `tab-${tab.key}`}
            >
              {tab.label}
            </button>
          ))}
        </div>
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.key}
          role="tabpanel"
          id={panelId(tab.key)}
          aria-labelledby={tabId(tab.key)}
          tabIndex={0}
          hidden={tab.key !== selected}
          className="tabpanel"
        >
          {panels[tab.key]}
        </div>
      ))}
    </div>
  );
}
