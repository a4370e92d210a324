/** Nederlands: de bewijsbundel en de controle ervan in de browser. Gespreid in nl.ts. */
export const nlEvidence = {
  evidence: {
    nav: "Bewijsbundel",
    title: "Uw bewijs, in uw eigen handen",
    intro:
      "Download al het bewijs dat wij over uw organisatie vastlegden als één ZIP-bestand: elke gebeurtenis van uw keten met haar hash, de overeenkomsten zoals ondertekend, de kennisgevingen zoals verzonden en de documenten die u ontving. U kunt de bundel zelf controleren, zonder ons en zonder onze database. Het downloaden wordt zelf ook vastgelegd.",
    download: "Bewijsbundel downloaden (ZIP)",
    verifyLink: "Een bundel controleren in uw browser",
    cli: "Of op de opdrachtregel: art28 verify --bundle <bestand>.zip",
    trust: {
      title: "Controlepunten van het bewijslogboek",
      intro:
        "Elk uur ondertekenen wij de wortel van een Merkle-boom (RFC 6962) over het laatste punt van de bewijsketen van elke klant. Uw bewijsbundel bevat de controlepunten met het bewijs dat uw keten erin zat: wij kunnen uw geschiedenis daarna niet ongemerkt herschrijven.",
      publicKey: "Publieke sleutel (Ed25519)",
      latest: "Laatste controlepunt",
      checkpoint: "nummer {{number}}, {{size}} bladeren,",
      none: "Er zijn nog geen controlepunten gepubliceerd.",
    },
    verify: {
      title: "Bewijsbundel controleren",
      intro:
        "Sleep uw bewijsbundel hierheen of kies het bestand. De controle draait helemaal in uw browser: er wordt niets verzonden. We controleren elke hash van uw keten, dat de keten aaneengesloten is tot het laatste punt, elk bestand tegen het manifest, elke ondertekende PDF tegen de hash in de ondertekening, elke kennisgeving tegen de hash die bij het opstellen werd vastgelegd en elke verwijderingsverklaring tegen de hash die bij het afgeven werd vastgelegd.",
      choose: "Bundel kiezen of hierheen slepen",
      checking: "Bezig met controleren…",
      ok: "De bundel klopt: {{events}} gebeurtenissen, {{files}} bestanden, {{pdfs}} ondertekende PDF's, {{notices}} kennisgevingen, {{emails}} e-mails, {{webhooks}} webhooks, {{certificates}} verwijderingsverklaringen, {{reports}} rapporten over de maatregelen en {{checkpoints}} controlepunten gecontroleerd.",
      broken: "De bundel klopt niet.",
      check: "Controle",
      file: "Bestand",
      event: "Gebeurtenis",
      detail: "Toelichting",
      checks: {
        zip: "geen leesbaar ZIP-bestand",
        manifest: "manifest",
        "file-hash": "bestand tegen het manifest",
        "file-unlisted": "bestand niet in het manifest",
        "event-format": "vorm van een gebeurtenis",
        "event-stream": "gebeurtenis van een andere keten",
        "event-position": "volgorde van de keten",
        "event-link": "koppeling aan de vorige gebeurtenis",
        "event-hash": "hash van de gebeurtenis",
        "stream-head": "laatste punt van de keten",
        "signed-pdf": "ondertekende PDF",
        "notice-content": "inhoud van een kennisgeving",
        "email-body": "een e-mail zoals verzonden",
        "webhook-body": "een webhook zoals verzonden",
        "deletion-certificate": "verwijderingsverklaring",
        "measures-report": "rapport over de maatregelen",
        checkpoint: "controlepunt",
      },
    },
  },
};
