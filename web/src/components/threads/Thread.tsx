import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { attachmentUrl } from "../../api/client";
import { useAction, useApi } from "../../api/useApi";
import type { ThreadMessage } from "../../api/types";
import { formatInstant, shortHash } from "../../lib/format";
import { ErrorAlert, Notice } from "../ErrorAlert";
import { TextAreaField } from "../fields";
import { Loaded } from "../Loaded";

const MAX_FILES = 5;

/**
 * A thread both ways between the processor and a customer (the art. 5.2 consultation, a case):
 * messages oldest first, with attachments to download byte for byte; a reply form while the
 * thread is open and the viewer may write. The caller says how to load and how to send.
 */
export function Thread({
  load,
  send,
  reloadKey,
  open,
  canWrite,
  closedText,
  formId,
  testId = "thread",
}: {
  load: () => Promise<ThreadMessage[]>;
  /** Sends a message: JSON without files, multipart with them. */
  send: (body: string, files: File[]) => Promise<unknown>;
  /** Changes when the thread changed elsewhere (a count), to load it again. */
  reloadKey: unknown;
  open: boolean;
  canWrite: boolean;
  closedText: string;
  formId: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const state = useApi(load, [formId, reloadKey]);
  return (
    <div className="thread" data-testid={testId}>
      <Loaded state={state}>
        {(messages) =>
          messages.length === 0 ? (
            <p className="muted">{t("thread.none")}</p>
          ) : (
            <ol className="thread-list">
              {messages.map((m) => (
                <MessageItem key={m.id} message={m} />
              ))}
            </ol>
          )
        }
      </Loaded>
      {!open ? <p className="muted">{closedText}</p> : canWrite ? <ReplyForm formId={formId} send={send} onSent={state.reload} /> : null}
    </div>
  );
}

function MessageItem({ message }: { message: ThreadMessage }) {
  const { t } = useTranslation();
  return (
    <li className={`thread-message ${message.from === "processor" ? "from-processor" : "from-customer"}`} data-testid="thread-message" data-from={message.from}>
      <p className="thread-meta">
        <strong>{message.authorName}</strong> · {t(`thread.from.${message.from}`)} · <span className="muted">{formatInstant(message.createdAt)}</span>
      </p>
      <div className="thread-body" data-testid="thread-body">
        {message.body}
      </div>
      {message.attachments.length > 0 ? (
        <ul className="attachments" aria-label={t("thread.attachments")}>
          {message.attachments.map((a) => (
            <li key={a.id}>
              <a href={attachmentUrl(a.id)} download={a.fileName} data-testid="thread-attachment">
                {a.fileName}
              </a>{" "}
              <span className="muted small">
                {t("subprocessors.bytes", { size: a.size.toLocaleString() })} · SHA-256 <code title={a.sha256}>{shortHash(a.sha256)}</code>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function ReplyForm({ formId, send: post, onSent }: { formId: string; send: (body: string, files: File[]) => Promise<unknown>; onSent: () => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [sent, setSent] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const send = useAction(() => post(body, files));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (files.length > MAX_FILES) {
      return;
    }
    const result = await send.execute();
    if (result.ok) {
      setBody("");
      setFiles([]);
      if (fileInput.current) {
        fileInput.current.value = "";
      }
      setSent(true);
      onSent();
    }
  }

  const fields = send.error?.fieldMessages() ?? {};
  const fileError = files.length > MAX_FILES ? t("thread.tooMany") : (fields.files ?? Object.entries(fields).find(([k]) => k.startsWith("files"))?.[1]);
  return (
    <form noValidate className="reply-form" onSubmit={(e) => void submit(e)} aria-label={t("thread.reply")}>
      {sent ? (
        <Notice tone="success" testId="thread-sent">
          {t("thread.sent")}
        </Notice>
      ) : null}
      <ErrorAlert error={send.error && !fields.body ? send.error : undefined} />
      <TextAreaField
        label={t("thread.reply")}
        value={body}
        onChange={(v) => {
          setBody(v);
          setSent(false);
        }}
        rows={4}
        required
        error={fields.body}
        testId="thread-reply"
      />
      <div className={`field${fileError ? " field-invalid" : ""}`}>
        <label htmlFor={`files-${formId}`}>{t("thread.attach")}</label>
        <p className="hint">{t("thread.attachHint")}</p>
        <input ref={fileInput} id={`files-${formId}`} type="file" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} data-testid="thread-files" />
        {fileError ? <p className="field-error">{fileError}</p> : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={send.busy} data-testid="thread-send">
          {t("thread.send")}
        </button>
      </div>
    </form>
  );
}
