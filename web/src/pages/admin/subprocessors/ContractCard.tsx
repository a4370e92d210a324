import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, contractUrl, multipart, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import type { ContractUploaded, Subprocessor } from "../../../api/types";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { formatInstant } from "../../../lib/format";
import { useLocalCheck, validLocally } from "../../../components/fields";

/** art. 5.3: the contract on file, its SHA-256, a download, and (for writers) an upload that replaces it. */
export function ContractCard({ subprocessor, writer, onUploaded }: { subprocessor: Subprocessor; writer: boolean; onUploaded: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const fileCheck = useLocalCheck();
  const [uploaded, setUploaded] = useState<ContractUploaded | null>(null);
  const upload = useAction(() => {
    const form = new FormData();
    if (file) {
      form.append("file", file, file.name);
    }
    return unwrap(api.POST("/api/v1/subprocessors/{id}/contract", { params: { path: { id: subprocessor.id } }, body: multipart<{ file?: string }>(form) }));
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await upload.execute();
    if (result.ok) {
      setUploaded(result.value);
      setFile(null);
      if (input.current) {
        input.current.value = "";
      }
      onUploaded();
    }
  }

  const contract = subprocessor.contract;
  const fields = upload.error?.fieldMessages() ?? {};
  return (
    <section className="card" aria-labelledby="contract-heading" data-testid="contract-card">
      <h2 id="contract-heading">{t("subprocessors.contract")}</h2>
      <p className="hint">{t("subprocessors.contractIntro")}</p>
      {uploaded ? (
        <Notice tone="success" testId="contract-uploaded">
          {t("subprocessors.contractUploaded")}
        </Notice>
      ) : null}
      {contract ? (
        <dl className="facts">
          <div>
            <dt>{t("subprocessors.contractFile")}</dt>
            <dd>
              <a href={contractUrl(subprocessor.id)} download={contract.fileName} data-testid="contract-download">
                {t("subprocessors.contractDownload", { fileName: contract.fileName })}
              </a>
            </dd>
          </div>
          <div>
            <dt>{t("subprocessors.contractSha256")}</dt>
            <dd>
              <code className="hash" data-testid="contract-sha256">
                {contract.sha256}
              </code>
            </dd>
          </div>
          <div>
            <dt>{t("subprocessors.contractSize")}</dt>
            <dd>{t("subprocessors.bytes", { size: contract.size.toLocaleString() })}</dd>
          </div>
          <div>
            <dt>{t("subprocessors.contractUploadedAt")}</dt>
            <dd>{formatInstant(contract.uploadedAt)}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted" data-testid="contract-none">
          {t("subprocessors.noContract")}
        </p>
      )}
      {writer ? (
        <form noValidate onSubmit={(e) => void submit(e)} className="contract-form">
          <ErrorAlert error={upload.error && !fields.file ? upload.error : undefined} />
          <div className={`field${fields.file ? " field-invalid" : ""}`}>
            <label htmlFor="contract-file">{contract ? t("subprocessors.contractReplace") : t("subprocessors.contractFile")}</label>
            <p className="hint">{t("subprocessors.contractFileHint")}</p>
            <input
              ref={input}
              id="contract-file"
              type="file"
              required
              onInvalid={fileCheck.onInvalid}
              onChange={(e) => {
                fileCheck.clear();
                setFile(e.target.files?.[0] ?? null);
              }}
              data-testid="contract-file"
            />
            {(fileCheck.message ?? fields.file) ? <p className="field-error">{fileCheck.message ?? fields.file}</p> : null}
          </div>
          <button type="submit" className="btn" disabled={upload.busy || file === null} data-testid="contract-upload">
            {t("subprocessors.contractUpload")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
