import { nlSubjectRequests } from "./nl-subject-requests";
import { nlAgreements } from "./nl-agreements";
import { nlCustomers } from "./nl-customers";
import { nlHome } from "./nl-home";
import { nlSso } from "./nl-sso";
import { nlAccounts } from "./nl-accounts";
import { nlEngine } from "./nl-engine";
import { nlSubprocessors } from "./nl-subprocessors";
import { nlBreaches } from "./nl-breaches";
import { nlCases } from "./nl-cases";
import { nlIncidents } from "./nl-incidents";
import { nlRegister } from "./nl-register";
import { nlLayout } from "./nl-layout";
import { nlContacts } from "./nl-contacts";
import { nlMeasures } from "./nl-measures";
import { nlAccess } from "./nl-access";
import { nlDisclosures } from "./nl-disclosures";
import { nlEnding } from "./nl-ending";
import { nlAudits } from "./nl-audits";
import { nlClaims } from "./nl-claims";
import { nlEvidence } from "./nl-evidence";

/** Dutch, the default. Every visible string of the UI lives here and in en.ts (same keys; tsc checks). */
export const nl = {
  common: {
    loading: "Laden…",
    logout: "Uitloggen",
    language: "Taal",
    skipToContent: "Naar de inhoud",
    mainNavigation: "Hoofdmenu",
    accountNavigation: "Uw account",
    save: "Opslaan",
    saved: "Opgeslagen.",
    cancel: "Annuleren",
    close: "Sluiten",
    copy: "Kopiëren",
    edit: "Wijzigen",
    view: "Bekijken",
    search: "Zoeken",
    actions: "Acties",
  },
  languages: { nl: "Nederlands", en: "Engels" },
  errors: {
    network: "De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.",
    forbidden: "U hebt hiervoor geen rechten",
    requestId: "Kenmerk voor de helpdesk: {{id}}",
  },
  notFound: {
    title: "Niet gevonden",
    text: "Deze pagina of dit gegeven bestaat niet, of u hebt er geen toegang toe.",
    home: "Naar de startpagina",
  },
  nav: {
    tokens: "API-tokens",
    security: "Beveiliging",
    portal: {
      area: "Klantportaal",
      overview: "Overzicht",
      contact: "Privacycontactpersoon",
      notices: "Berichten",
      obligations: "Termijnen",
      subprocessors: "Subverwerkers",
      transfers: "Gegevenslocaties",
      webhooks: "Webhooks",
      breaches: "Datalekken",
    },
    admin: {
      area: "Backoffice",
      customers: "Klanten",
      countersign: "Medeondertekenen",
      templates: "Modelovereenkomst",
      catalogue: "Dienstencatalogus",
      measures: "Maatregelen",
      processor: "Verwerker",
      obligations: "Termijnen",
      notices: "Berichten",
      outbox: "Uitgaand",
      subprocessors: "Subverwerkers",
      incidents: "Incidenten",
    },
    unreadBadge: "{{count}} ongelezen",
  },
  roles: {
    staff: {
      admin: "Beheerder",
      privacy_officer: "Privacy officer",
      security_officer: "Security officer",
      support: "Support",
      auditor: "Auditor",
    },
    customer: { owner: "Accounteigenaar", privacy_contact: "Privacycontactpersoon", viewer: "Meelezer" },
  },
  status: {
    agreement: {
      none: "Geen overeenkomst",
      offered: "Aangeboden",
      signed_by_customer: "Getekend door klant",
      in_force: "Van kracht",
      ended: "Beëindigd",
      superseded: "Vervangen",
      withdrawn: "Ingetrokken",
    },
    measure: { implemented: "Van kracht", planned: "Gepland", retired: "Vervallen" },
  },
  login: {
    title: "Inloggen",
    intro: "Log in om uw verwerkersovereenkomst te bekijken en te beheren.",
    email: "E-mailadres",
    password: "Wachtwoord",
    submit: "Inloggen",
    totpNeeded: "Voor dit account is een tweede stap nodig. Voer de 6-cijferige code uit uw authenticator-app in.",
    totpCode: "Code uit de authenticator-app",
    verify: "Controleren",
    back: "Ander account",
  },
  tokens: {
    title: "API-tokens",
    intro: "Met een API-token kan een systeem (bijvoorbeeld uw administratie) de API gebruiken met uw rechten.",
    yours: "Uw tokens",
    none: "U hebt geen actieve tokens.",
    name: "Naam",
    nameHint: "Waarvoor het token dient, bijvoorbeeld ‘koppeling facturatie’.",
    prefix: "Begint met",
    createdAt: "Aangemaakt",
    lastUsedAt: "Laatst gebruikt",
    expiresAt: "Verloopt",
    never: "Nooit",
    expiresInDays: "Geldig (dagen)",
    expiresHint: "Leeg laten voor een token zonder einddatum.",
    new: "Nieuw token",
    create: "Token aanmaken",
    createdOnce: "Kopieer het token nu: het wordt maar één keer getoond.",
    usage: "Gebruik: Authorization: Bearer <token>",
    revoke: "Intrekken",
    confirmRevoke: "Token ‘{{name}}’ intrekken? Systemen die het gebruiken, hebben dan geen toegang meer.",
  },
  security: {
    title: "Beveiliging",
    totp: "Tweestapsverificatie",
    status: "Status",
    enabled: "Aan",
    disabled: "Uit",
    intro: "Met tweestapsverificatie vraagt het inloggen naast uw wachtwoord ook een code uit een authenticator-app.",
    setup: "Instellen",
    reset: "Opnieuw instellen",
    resetWarning: "Uw huidige code blijft werken tot u de nieuwe bevestigt.",
    turnOff: "Uitzetten",
    confirmTurnOff: "Tweestapsverificatie uitzetten? Daarna is alleen uw wachtwoord nodig om in te loggen.",
    turnedOff: "Tweestapsverificatie staat uit.",
    scan: "Scan deze QR-code met uw authenticator-app.",
    qrLabel: "QR-code voor de authenticator-app",
    orEnter: "Of voer deze sleutel in:",
    enterCode: "Voer de 6-cijferige code in die de app toont.",
    code: "Code",
    enable: "Bevestigen en aanzetten",
    enabledNow: "Tweestapsverificatie staat aan. Vanaf de volgende keer vraagt het inloggen om een code.",
  },
  stepUp: {
    title: "Bevestig dat u het bent",
    intro: "Voor deze wijziging vragen we opnieuw om uw wachtwoord. Daarna kunt u tien minuten zulke wijzigingen doen zonder het opnieuw te vragen.",
    password: "Wachtwoord",
    code: "Code uit de authenticator-app",
    confirm: "Bevestigen",
    ssoIntro:
      "Voor deze wijziging logt u opnieuw in bij {{issuer}}. U komt daarna terug op deze pagina; doe dan de wijziging nog eens. Tien minuten lang vragen we het niet opnieuw.",
    ssoConfirm: "Bevestigen via {{issuer}}",
    issuer: { customer: "het controlepaneel", staff: "single sign-on" },
    ssoDone: "U heeft bevestigd dat u het bent. Doe de wijziging nu opnieuw; tien minuten lang vragen we het niet nog eens.",
    ssoRefused: "Bevestigen is niet gelukt",
  },
  pager: {
    label: "Pagina's",
    range: "{{from}}–{{to}} van {{total}}",
    rangeOpen: "{{from}}–{{to}}",
    rangeMore: "{{from}}–{{to}} van meer dan {{total}}",
    previous: "Vorige",
    next: "Volgende",
  },
  ...nlEngine,
  ...nlSubprocessors,
  ...nlIncidents,
  ...nlRegister,
  ...nlBreaches,
  ...nlCases,
  ...nlSubjectRequests,
  ...nlAgreements,
  ...nlCustomers,
  ...nlHome,
  ...nlSso,
  ...nlAccounts,
  ...nlLayout,
  ...nlContacts,
  ...nlMeasures,
  ...nlAccess,
  ...nlDisclosures,
  ...nlEnding,
  ...nlAudits,
  ...nlClaims,
  ...nlEvidence,
};
