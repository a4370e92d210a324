import { useRef } from "react";
import { useTranslation } from "react-i18next";

/**
 * An email's HTML as it was sent, isolated: the sandbox runs no script, and links open in a new
 * tab (a <base target> is added). Same-origin is allowed only so the frame can grow to its content.
 */
export function MessageFrame({ html, title, testId }: { html: string; title: string; testId?: string }) {
  const { t } = useTranslation();
  const frame = useRef<HTMLIFrameElement>(null);
  const doc = html.includes("<head>") ? html.replace("<head>", '<head><base target="_blank">') : `<base target="_blank">${html}`;
  return (
    <div className="message-frame">
      <iframe
        ref={frame}
        sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
        srcDoc={doc}
        title={title}
        data-testid={testId ?? "notice-html"}
        onLoad={() => {
          const body = frame.current?.contentDocument?.documentElement;
          if (frame.current && body) {
            frame.current.style.height = `${Math.min(Math.max(body.scrollHeight + 8, 200), 1600)}px`;
          }
        }}
      />
      <p className="hint">{t("notices.frameHint")}</p>
    </div>
  );
}
