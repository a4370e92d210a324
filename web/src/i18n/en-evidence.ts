import type { nlEvidence } from "./nl-evidence";

/** English: the evidence bundle and checking it in the browser. Spread into en.ts. */
export const enEvidence: typeof nlEvidence = {
  evidence: {
    nav: "Evidence bundle",
    title: "Your evidence, in your own hands",
    intro:
      "Download all the evidence we recorded about your organisation as one ZIP file: every event of your chain with its hash, the agreements as signed, the notices as sent and the documents you received. You can check the bundle yourself, without us and without our database. The download is itself recorded.",
    download: "Download the evidence bundle (ZIP)",
    verifyLink: "Check a bundle in your browser",
    cli: "Or on the command line: art28 verify --bundle <file>.zip",
    trust: {
      title: "Checkpoints of the evidence log",
      intro:
        "Every hour we sign the root of a Merkle tree (RFC 6962) over the last point of every customer's evidence chain. Your evidence bundle holds the checkpoints with the proof that your chain was in them: we cannot rewrite your history afterwards unnoticed.",
      publicKey: "Public key (Ed25519)",
      latest: "Latest checkpoint",
      checkpoint: "number {{number}}, {{size}} leaves,",
      none: "No checkpoints have been published yet.",
    },
    verify: {
      title: "Check an evidence bundle",
      intro:
        "Drop your evidence bundle here or choose the file. The check runs entirely in your browser: nothing is uploaded. We check every hash of your chain, that the chain is unbroken up to its last point, every file against the manifest, every signed PDF against the hash in its signature, every notice against the hash recorded when it was written and every deletion certificate against the hash recorded when it was issued.",
      choose: "Choose a bundle or drop it here",
      checking: "Checking…",
      ok: "The bundle holds: {{events}} events, {{files}} files, {{pdfs}} signed PDFs, {{notices}} notices, {{emails}} emails, {{webhooks}} webhooks, {{certificates}} deletion certificates, {{reports}} measures reports and {{checkpoints}} checkpoints checked.",
      broken: "The bundle does not hold.",
      check: "Check",
      file: "File",
      event: "Event",
      detail: "Detail",
      checks: {
        zip: "not a readable ZIP file",
        manifest: "manifest",
        "file-hash": "file against the manifest",
        "file-unlisted": "file not in the manifest",
        "event-format": "form of an event",
        "event-stream": "event of another chain",
        "event-position": "order of the chain",
        "event-link": "link to the previous event",
        "event-hash": "hash of the event",
        "stream-head": "last point of the chain",
        "signed-pdf": "signed PDF",
        "notice-content": "content of a notice",
        "email-body": "an email as sent",
        "webhook-body": "a webhook as sent",
        "deletion-certificate": "deletion certificate",
        "measures-report": "measures report",
        checkpoint: "checkpoint",
      },
    },
  },
};
