// The notices module's wording in Dutch and English: its API answers use these. What a notice says
// (its e-mails and portal view) is in its kind's templates (templates/*.mustache).
export const noticeWords = {
  noun: {
    notice: { nl: "kennisgeving", en: "notice" },
    delivery: { nl: "bezorging", en: "delivery" },
    webhookEndpoint: { nl: "webhook-endpoint", en: "webhook endpoint" },
  },
  /** The notice kind in words (inboxes, the outbox). */
  noticeKind: { contactFailing: { nl: "Contactpersoon onbereikbaar", en: "Contact unreachable" } },
  /** A delivery's status in words. "Sent" only when a mail server or webhook receiver accepted it. */
  deliveryStatus: {
    pending: { nl: "In de wachtrij", en: "Queued" },
    sent: { nl: "Verzonden", en: "Sent" },
    held: { nl: "Vastgehouden, niet verzonden", en: "Held, not sent" },
    failed: { nl: "Mislukt", en: "Failed" },
  },
  heldExplanation: {
    nl: "Er is geen mailserver (SMTP) ingesteld: de e-mail staat in de outbox en is niet naar de ontvanger gegaan.",
    en: "No mail server (SMTP) is configured: the e-mail is kept in the outbox and has not gone to the recipient.",
  },
  /** "Reference" before a notice's N-<year>-<number> in its e-mails. */
  reference: { nl: "Kenmerk", en: "Reference" },
  onlyWebhooksReplayed: { nl: "alleen webhookberichten kunt u opnieuw laten versturen", en: "only webhook messages can be replayed by customers" },
  alreadyAcknowledged: { nl: "deze kennisgeving is al bevestigd", en: "this notice has already been acknowledged" },
  invalidUrl: { nl: "is geen geldige URL", en: "is not a valid URL" },
  notOnInternet: {
    nl: "moet een adres op het internet zijn, niet in een lokaal of intern netwerk",
    en: "must be an address on the internet, not in a local or internal network",
  },
  httpsOnly: { nl: "moet met https:// beginnen", en: "must start with https://" },
  noCredentials: { nl: "mag geen gebruikersnaam of wachtwoord bevatten", en: "must not contain a user name or password" },
  stillQueued: { nl: "deze bezorging staat nog in de wachtrij", en: "this delivery is still queued" },
  /** Shown instead of a single-use link (an invitation, a password reset) wherever the API shows a notice or a delivery. */
  secretLink: {
    nl: "[eenmalige link — alleen in de e-mail aan de ontvanger]",
    en: "[single-use link — only in the e-mail to the recipient]",
  },
  secretGone: {
    nl: "dit bericht bevatte een eenmalige link die niet meer bestaat; vraag een nieuwe link aan",
    en: "this message carried a single-use link that no longer exists; ask for a new link",
  },
  endpointDisabled: { nl: "het webhook-endpoint is uitgeschakeld", en: "the webhook endpoint is disabled" },
} as const;
