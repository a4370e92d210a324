/** Dutch: single sign-on on the login page (the buttons' own labels come from the API). Spread into nl.ts. */
export const nlSso = {
  sso: {
    or: "of",
    buttons: "Inloggen met single sign-on",
    errorTitle: "Inloggen via single sign-on is niet gelukt",
    error: {
      unavailable: "Single sign-on is nu niet beschikbaar. Probeer het later opnieuw of log in met uw wachtwoord.",
      state: "Het inloggen is verlopen of in een ander venster begonnen. Probeer het opnieuw.",
      denied: "U heeft het inloggen bij het controlepaneel afgebroken.",
      invalid: "Het controlepaneel gaf geen geldige aanmelding terug. Probeer het opnieuw; lukt het niet, neem contact met ons op.",
      customer_missing: "Uw account in het controlepaneel noemt geen klantnummer. Neem contact met ons op.",
      customer_unknown: "Uw klantnummer is bij ons (nog) niet bekend voor verwerkersovereenkomsten. Neem contact met ons op.",
      customer_mismatch: "Dit account hoort bij een andere klant dan het controlepaneel nu noemt. Neem contact met ons op.",
      role_invalid: "Uw account in het controlepaneel heeft geen rol die hier toegang geeft. Vraag de eigenaar van uw account om een rol.",
      email_missing: "Het controlepaneel gaf geen e-mailadres door. Neem contact met ons op.",
      email_taken:
        "Er bestaat hier al een account met dit e-mailadres dat niet aan uw aanmelding gekoppeld kan worden. Log in met uw wachtwoord, of neem contact met ons op.",
      disabled: "Dit account is uitgeschakeld.",
      step_up_other_user: "U bevestigde bij het controlepaneel als iemand anders dan de gebruiker die hier is ingelogd. Er is niets gewijzigd.",
      step_up_stale: "Het controlepaneel bevestigde niet dat u zojuist opnieuw bent ingelogd. Probeer het opnieuw.",
      failed: "Er ging iets mis bij het inloggen. Probeer het opnieuw.",
    },
  },
};
