import { useState } from "react";
import { useTranslation } from "react-i18next";

/** Copies a text to the clipboard and says so for a moment. */
export function CopyButton({ text, testId }: { text: string; testId?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-small"
      data-testid={testId}
      onClick={() => {
        void navigator.clipboard.writeText(text).then(
          () => {
            setCopied(true);
            window.setTimeout(() => setCopied(false), 2000);
          },
          (cause: unknown) => console.warn("clipboard not writable", cause),
        );
      }}
    >
      {copied ? t("calendar.copied") : t("common.copy")}
    </button>
  );
}
