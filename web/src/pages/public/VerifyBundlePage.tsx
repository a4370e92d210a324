import { useEffect, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { jsSha256Options } from "../../../../src/domain/evidence-bundle/js-sha256.ts";
import { verifyBundleBlob, type BundleReport } from "../../../../src/domain/evidence-bundle/verify.ts";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { api, unwrap } from "../../api/client";
import { useApi } from "../../api/useApi";

type State = { kind: "idle" } | { kind: "checking"; name: string } | { kind: "done"; name: string; report: BundleReport };

/**
 * The trust site's bundle verifier: the customer drops its evidence bundle and the same pure module
 * as `art28 verify --bundle` checks it in the browser, reading the file in slices, one entry at a
 * time. SHA-256 is @noble/hashes' (synchronous and incremental, which WebCrypto is not), so
 * events.jsonl is hashed as it inflates, never held whole. Nothing is uploaded.
 */
export function VerifyBundlePage() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: "idle" });
  const [over, setOver] = useState(false);
  // The key the processor publishes: the bundle's checkpoints must be signed by it.
  const published = useApi(() => unwrap(api.GET("/api/v1/trust/checkpoints")), []);
  const publicKey = published.data?.publicKey || undefined;

  useEffect(() => {
    document.title = `${t("evidence.verify.title")} · Art28`;
  }, [t]);

  const check = (file: File | undefined) => {
    if (!file) {
      return;
    }
    setState({ kind: "checking", name: file.name });
    void verifyBundleBlob(file, { ...jsSha256Options(), ...(publicKey ? { publicKey } : {}) }).then((report) =>
      setState({ kind: "done", name: file.name, report }),
    );
  };
  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setOver(false);
    check(event.dataTransfer.files[0]);
  };

  return (
    <div className="shell public-shell">
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link className="brand" to="/trust">
            Art28
          </Link>
          <div className="topbar-right">
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        <div className="page-header">
          <div>
            <h1>{t("evidence.verify.title")}</h1>
            <p className="muted">{t("evidence.verify.intro")}</p>
          </div>
        </div>
        <section
          className={`card drop-zone${over ? " drop-zone-over" : ""}`}
          data-testid="bundle-drop"
          onDragOver={(event) => {
            event.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          <label htmlFor="bundle-file">{t("evidence.verify.choose")}</label>
          <input id="bundle-file" type="file" accept=".zip,application/zip" data-testid="bundle-file" onChange={(event) => check(event.target.files?.[0])} />
        </section>
        <div role="status" aria-live="polite" data-testid="verify-result">
          {state.kind === "checking" && <p>{t("evidence.verify.checking")}</p>}
          {state.kind === "done" && state.report.ok && (
            <p className="alert alert-success" data-testid="verify-ok">
              <strong>{state.name}</strong>:{" "}
              {t("evidence.verify.ok", {
                events: state.report.counts.events,
                files: state.report.counts.files,
                pdfs: state.report.counts.signedPdfs,
                notices: state.report.counts.notices,
                emails: state.report.counts.emails,
                webhooks: state.report.counts.webhooks,
                certificates: state.report.counts.deletionCertificates,
                reports: state.report.counts.measuresReports,
                checkpoints: state.report.counts.checkpoints,
              })}
            </p>
          )}
          {state.kind === "done" && state.report.failure && (
            <div className="alert alert-error" data-testid="verify-broken">
              <p>
                <strong>{state.name}</strong>: {t("evidence.verify.broken")}
              </p>
              <dl>
                <dt>{t("evidence.verify.check")}</dt>
                <dd data-testid="verify-check" data-check={state.report.failure.check}>
                  {t(`evidence.verify.checks.${state.report.failure.check}`)}
                </dd>
                {state.report.failure.file && (
                  <>
                    <dt>{t("evidence.verify.file")}</dt>
                    <dd data-testid="verify-file">
                      <code>{state.report.failure.file}</code>
                    </dd>
                  </>
                )}
                {state.report.failure.streamSeq !== null && (
                  <>
                    <dt>{t("evidence.verify.event")}</dt>
                    <dd data-testid="verify-event">{state.report.failure.streamSeq}</dd>
                  </>
                )}
                <dt>{t("evidence.verify.detail")}</dt>
                <dd lang="en">{state.report.failure.message}</dd>
              </dl>
            </div>
          )}
        </div>
      </main>
    </div>
  );
}
