// Single sign-on's wording in Dutch and English: the sign-in buttons the login page shows.
export const oidcWords = {
  button: {
    customer: { nl: "Inloggen via het controlepaneel", en: "Log in with the control panel" },
    staff: { nl: "Inloggen als medewerker (single sign-on)", en: "Staff log in (single sign-on)" },
  },
} as const;
