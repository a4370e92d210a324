import type { ReactNode } from "react";
import { useEffect } from "react";

/** The page's h1 (and the document title), with optional actions on the right. */
export function PageHeader({ title, subtitle, actions, badge }: { title: string; subtitle?: ReactNode; actions?: ReactNode; badge?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Art28`;
  }, [title]);
  return (
    <div className="page-header">
      <div>
        <h1>
          {title} {badge}
        </h1>
        {subtitle ? <p className="subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}
