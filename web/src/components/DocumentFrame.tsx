import { useCallback, useEffect, useRef, useState, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";

interface Entry {
  id: string;
  label: string;
  /** An annex: set apart in the list. */
  annex: boolean;
}

const NARROW = "(max-width: 900px)";

/**
 * The agreement exactly as the server rendered it, full width, with a table of contents of its
 * parties, articles and annexes that jumps to each.
 *
 * Isolated in a sandboxed iframe that runs no script (no `allow-scripts`, and the page's CSP allows
 * no inline script either), whatever the template text contains. `allow-same-origin` lets this
 * page, not the document, read the document's headings and height: the frame is as high as the
 * document, so the page scrolls as one and the contents can stay beside it.
 */
export function DocumentFrame({ html, title, after }: { html: string; title: string; after?: { id: string; label: string } }) {
  const { t } = useTranslation();
  const frame = useRef<HTMLIFrameElement>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const details = useRef<HTMLDetailsElement>(null);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [open, setOpen] = useState(() => typeof window === "undefined" || !window.matchMedia(NARROW).matches);

  useEffect(() => () => observer.current?.disconnect(), []);

  const loaded = useCallback(() => {
    const element = frame.current;
    const doc = element?.contentDocument;
    if (!element || !doc) {
      return; // not readable: the frame keeps its CSS height and scrolls by itself
    }
    const fit = () => {
      element.style.height = `${Math.ceil(doc.documentElement.getBoundingClientRect().height) + 2}px`;
    };
    fit();
    observer.current?.disconnect();
    observer.current = new ResizeObserver(fit);
    observer.current.observe(doc.body);
    setEntries(
      [...doc.querySelectorAll<HTMLHeadingElement>("h2[id]")].map((h) => ({
        id: h.id,
        // "1." and the title are separate nodes (the number hangs): join them with a space.
        label: [...h.childNodes]
          .map((n) => (n.textContent ?? "").replace(/\s+/g, " ").trim())
          .filter((x) => x !== "")
          .join(" "),
        annex: h.id.startsWith("annex-"),
      })),
    );
  }, []);

  function jump(event: MouseEvent<HTMLAnchorElement>, id: string) {
    const target = frame.current?.contentDocument?.getElementById(id);
    const element = frame.current;
    if (!target || !element) {
      return;
    }
    event.preventDefault();
    // On a narrow screen the contents sit above the document and stay at the top of the screen:
    // close them first (the document moves up), then keep the heading clear of them.
    let clearance = 16;
    if (window.matchMedia(NARROW).matches && details.current) {
      details.current.open = false;
      clearance += details.current.getBoundingClientRect().height + 16;
    }
    const top = element.getBoundingClientRect().top + target.getBoundingClientRect().top + window.scrollY - clearance;
    window.scrollTo({ top, behavior: "smooth" });
  }

  return (
    <div className="reader">
      <nav className="reader-toc" aria-label={t("agreement.contents")} data-testid="agreement-toc">
        <details ref={details} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>{entries.length > 0 ? t("agreement.contentsCount", { count: entries.length }) : t("agreement.contents")}</summary>
          <ol>
            {entries.map((e) => (
              <li key={e.id} className={e.annex ? "toc-annex" : undefined}>
                <a href={`#${e.id}`} onClick={(event) => jump(event, e.id)} data-toc={e.id}>
                  {e.label}
                </a>
              </li>
            ))}
            {after ? (
              <li className="toc-after">
                <a href={`#${after.id}`}>{after.label}</a>
              </li>
            ) : null}
          </ol>
        </details>
      </nav>
      <div className="document-frame">
        <iframe ref={frame} sandbox="allow-same-origin" srcDoc={html} title={title} data-testid="agreement-document" onLoad={loaded} />
        <p className="hint">{t("agreement.frameHint")}</p>
      </div>
    </div>
  );
}
