/** A statement's plain text as paragraphs and lines (no markup: the text is the admin's, shown as typed). */
export function StatementText({ text, lang, testId }: { text: string; lang: "nl" | "en"; testId?: string }) {
  return (
    <div className="statement-text" lang={lang} data-testid={testId}>
      {text.split(/\n{2,}/).map((paragraph, i) => (
        <p key={i}>
          {paragraph.split("\n").map((line, k) => (
            <span key={k}>
              {k > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </p>
      ))}
    </div>
  );
}
