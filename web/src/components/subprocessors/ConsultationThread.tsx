import { useTranslation } from "react-i18next";
import { api, multipart, unwrap } from "../../api/client";
import type { Objection } from "../../api/types";
import { Thread } from "../threads/Thread";

/** The consultation on an objection (art. 5.2): its thread, open while the objection is. */
export function ConsultationThread({ objection, canWrite }: { objection: Objection; canWrite: boolean }) {
  const { t } = useTranslation();
  const path = { params: { path: { id: objection.id } } };
  return (
    <Thread
      testId="consultation-thread"
      formId={objection.id}
      reloadKey={objection.messageCount}
      open={objection.status === "open"}
      canWrite={canWrite}
      closedText={t("thread.closed")}
      load={() => unwrap(api.GET("/api/v1/objections/{id}/messages", path))}
      send={(body, files) => {
        if (files.length === 0) {
          return unwrap(api.POST("/api/v1/objections/{id}/messages", { ...path, body: { body } }));
        }
        const form = new FormData();
        form.append("body", body);
        for (const file of files) {
          form.append("files", file, file.name);
        }
        return unwrap(api.POST("/api/v1/objections/{id}/messages", { ...path, body: multipart<{ body: string }>(form) }));
      }}
    />
  );
}
