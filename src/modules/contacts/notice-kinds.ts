import { formatDate, formatInstant } from "../../domain/legal-time.ts";
import { defineNoticeKind, publicUrl } from "../notices/index.ts";
import { contactWords } from "./words.ts";

// What the contacts module tells a customer (art. 4.4): the yearly request to confirm its privacy
// contact and its reminder (to the contact and the owners), and that the contact is now marked stale.

export interface ContactConfirmation {
  kind: "contact_confirmation";
  /** false: the request; true: the reminder. */
  reminder: boolean;
  contactName: string;
  contactEmail: string;
  lastConfirmedAt: string;
  /** The end of the period to confirm; after it the contact is marked stale. */
  staleAt: string;
}

export interface ContactStale {
  kind: "contact_stale";
  contactName: string;
  contactEmail: string;
  lastConfirmedAt: string;
  requestedAt: string;
}

declare module "../../db/schema/notices.ts" {
  interface NoticeKinds {
    contact_confirmation: ContactConfirmation;
    contact_stale: ContactStale;
  }
}

const contactUrl = () => `${publicUrl()}/portal/contact`;

export const CONTACT_NOTICE_KINDS = [
  defineNoticeKind({
    kind: "contact_confirmation",
    label: contactWords.kinds.confirmation,
    templates: new URL("./notice-templates/", import.meta.url),
    acknowledged: false,
    toCustomer: () => true,
    view: (data, locale, zone) => ({
      reminder: data.reminder,
      contactName: data.contactName,
      contactEmail: data.contactEmail,
      lastConfirmedDate: formatDate(new Date(data.lastConfirmedAt), zone, locale),
      staleAtLocal: formatInstant(new Date(data.staleAt), zone, locale),
      contactUrl: contactUrl(),
    }),
  }),
  defineNoticeKind({
    kind: "contact_stale",
    label: contactWords.kinds.stale,
    templates: new URL("./notice-templates/", import.meta.url),
    acknowledged: false,
    toCustomer: () => true,
    view: (data, locale, zone) => ({
      contactName: data.contactName,
      contactEmail: data.contactEmail,
      lastConfirmedDate: formatDate(new Date(data.lastConfirmedAt), zone, locale),
      requestedDate: formatDate(new Date(data.requestedAt), zone, locale),
      contactUrl: contactUrl(),
    }),
  }),
];
