import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { NoticeListItem } from "../../api/types";
import { formatInstant } from "../../lib/format";
import { Badge } from "../StatusBadge";
import { NoticeKindLabel } from "./NoticeKindLabel";

/** A list of notices, newest first; unread ones stand out (bold, a bar and a "new" badge). */
export function NoticesTable({
  notices,
  linkTo,
  showRead = true,
  testId = "notices-table",
}: {
  notices: readonly NoticeListItem[];
  linkTo: (n: NoticeListItem) => string;
  showRead?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t("notices.subject")}</th>
            <th scope="col">{t("notices.kindLabel")}</th>
            <th scope="col">{t("notices.received")}</th>
            {showRead ? <th scope="col">{t("notices.read")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {notices.map((n) => {
            const unread = showRead && n.openedAt === null;
            return (
              <tr key={n.id} className={unread ? "unread" : undefined} data-testid="notice-row" data-unread={unread ? "true" : "false"} data-kind={n.kind}>
                <td>
                  <Link to={linkTo(n)} data-testid="notice-open">
                    {n.title}
                  </Link>{" "}
                  {unread ? <Badge tone="info">{t("notices.unread")}</Badge> : null}
                </td>
                <td className="small">
                  <NoticeKindLabel label={n.kindLabel} />
                </td>
                <td className="nowrap">{formatInstant(n.createdAt)}</td>
                {showRead ? (
                  <td className="small">
                    {n.acknowledgedAt ? (
                      <Badge tone="success">{t("notices.acknowledged")}</Badge>
                    ) : n.openedAt ? (
                      formatInstant(n.openedAt)
                    ) : n.requiresAck ? (
                      <Badge tone="warning">{t("notices.ackNeeded")}</Badge>
                    ) : (
                      <span className="muted">{t("notices.notRead")}</span>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
