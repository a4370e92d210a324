// The README of an evidence bundle, in Dutch and English: what is inside and how to verify it.

export function bundleReadme(customerName: string, lastSeq: number): string {
  return `ART28 BEWIJSBUNDEL / EVIDENCE BUNDLE
${customerName}

NEDERLANDS

Deze bundel bevat al het bewijs dat de verwerker over uw organisatie vastlegde, tot en met gebeurtenis
${lastSeq} van uw keten:

- events.jsonl: elke gebeurtenis van uw keten, in volgorde, één per regel, met inhoud, hash en de hash
  van de vorige gebeurtenis. De hash is SHA-256 over de RFC 8785 (JCS) canonieke JSON van de gebeurtenis.
  Elke regel begint met "hash" en "seq"; de rest van de regel is die canonieke JSON zoals gehasht:
  vervang het begin {"hash":"…","seq":…, door { en de SHA-256 van wat overblijft is de hash.
- agreements/<id>/: elke ondertekende overeenkomst: agreement.pdf (byte voor byte zoals ondertekend),
  document.json (het documentmodel), signatures.json (de handtekeningen) en agreement.json (de
  ondertekende hash). De hash van de PDF staat in de gebeurtenis agreement.signed_by_customer.
- notices/<id>/: elke kennisgeving: content.json (de inhoud; de hash staat in notice.queued), de tekst
  zoals het portaal die toont (portal.nl.txt, portal.en.txt), en per bezorging de e-mail byte voor
  byte zoals aan de mailserver gegeven (.eml met Message-ID; de hash van het hele bericht staat in
  notice.sent; bevatte het een eenmalige link, dan is die vervangen en zegt de kop
  X-Art28-Body-Hides-Secret dat, met ook de hash van deze kopie), de webhook met de headers zoals
  verzonden (.webhook.json; de hash van de inhoud, webhook-timestamp en webhook-signature staan in
  notice.sent; de handtekening controleert u met het geheim van uw endpoint, zoals bij elke
  Standard Webhooks-bibliotheek) en de pogingen (.json).
- breach-notices/, attachments/, subject-requests/: de datalekmeldingen zoals verzonden, de bestanden
  uit uw verzoeken en overleggen (zoals het rapport over de maatregelen bij een antwoord op uw vraag),
  en de bestanden van verzoeken van betrokkenen die aan u zijn doorgestuurd.
- deletion-certificates/: elke verwijderingsverklaring zoals afgegeven (<id>.pdf, in uw taal; de hash
  staat in de gebeurtenis ending.certificate_issued) en wat zij vastlegde (<id>.json).
- checkpoints.json: de gepubliceerde controlepunten (ondertekende Merkle-wortels, RFC 6962, met de
  publieke sleutel van de verwerker) en voor elk het bewijs dat het toenmalige laatste punt van uw keten
  erin zat: zo ziet u dat uw geschiedenis nu dezelfde is als die de verwerker toen vastlegde.
- manifest.json: de SHA-256 van elk bestand, en het laatste punt van uw keten (head).

Controleren: \`art28 verify --bundle <bestand>.zip\` (zonder database of netwerk), of sleep de bundel op
de pagina "Bewijs controleren" van de trust-pagina: de controle draait in uw browser, er wordt niets
verzonden. Elke afwijking wordt genoemd: het bestand, de gebeurtenis en de controle.

ENGLISH

This bundle holds all the evidence the processor recorded about your organisation, up to and including
event ${lastSeq} of your chain:

- events.jsonl: every event of your chain, in order, one per line, with its content, its hash and the
  hash of the event before it. The hash is SHA-256 over the RFC 8785 (JCS) canonical JSON of the event.
  Each line starts with "hash" and "seq"; the rest of the line is that canonical JSON as hashed:
  replace the start {"hash":"…","seq":…, with { and the SHA-256 of what remains is the hash.
- agreements/<id>/: every signed agreement: agreement.pdf (byte for byte as signed), document.json (the
  document model), signatures.json (the signatures) and agreement.json (the signed hash). The PDF's hash
  is in the agreement.signed_by_customer event.
- notices/<id>/: every notice: content.json (its content; the hash is in notice.queued), its text as the
  portal shows it (portal.nl.txt, portal.en.txt), and for each delivery the email byte for byte as
  handed to the mail relay (.eml with its Message-ID; the whole message's hash is in notice.sent; if it
  held a single-use link, that link is replaced, the header X-Art28-Body-Hides-Secret says so and the
  copy's hash is recorded too), the webhook with its headers as sent (.webhook.json; the body's hash,
  webhook-timestamp and webhook-signature are in notice.sent; check the signature with your endpoint's
  secret, as any Standard Webhooks library does) and its attempts (.json).
- breach-notices/, attachments/, subject-requests/: breach notices as sent, the files of your requests
  and consultations (such as the measures report that answered your question), and the files of data
  subjects' requests forwarded to you.
- deletion-certificates/: every deletion certificate as issued (<id>.pdf, in your language; its hash is
  in the ending.certificate_issued event) and what it recorded (<id>.json).
- checkpoints.json: the published checkpoints (signed Merkle roots, RFC 6962, with the processor's
  public key) and for each the proof that your chain's last point at the time was in it: so you see
  that your history now is the history the processor had committed to then.
- manifest.json: the SHA-256 of every file, and the last point of your chain (head).

To verify: \`art28 verify --bundle <file>.zip\` (no database, no network), or drop the bundle on the
"Verify evidence" page of the trust site: the check runs in your browser and nothing is uploaded. Any
deviation is named: the file, the event and the check.
`;
}
