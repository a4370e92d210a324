/** A contact's phone number (art. 4.4, art. 6.2): digits, spaces, +, -, ( ). The API, the import and breach notices check the same rule. */
export const PHONE_PATTERN = "^\\+?[0-9 ()-]{6,20}$";
