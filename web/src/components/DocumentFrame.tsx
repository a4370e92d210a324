import { useTranslation } from "react-i18next";

/**
 * The agreement exactly as the server rendered it, isolated: a sandboxed iframe runs no script
 * and cannot touch this page, whatever the template text contains.
 */
export function DocumentFrame({ html, title }: { html: string; title: string }) {
  const { t } = useTranslation();
  return (
    <div className="document-frame">
      <iframe sandbox="" srcDoc={html} title={title} data-testid="agreement-document" />
      <p className="hint">{t("agreement.frameHint")}</p>
    </div>
  );
}
