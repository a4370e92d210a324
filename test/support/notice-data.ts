import type { NoticeData } from "../../src/db/schema/index.ts";

/** A sub-processor change's announcement as a notice's data, for tests that need a notice of any kind. */
export const announcementData = (changeId: string = crypto.randomUUID(), subprocessorName = "Offsite Backup GmbH"): NoticeData => ({
  kind: "subprocessor_change_announced",
  changeId,
  changeKind: "add",
  subprocessor: { name: subprocessorName, activity: { nl: "Back-upopslag", en: "Backup storage" }, countries: ["DE"] },
  replaces: null,
  previousCountries: null,
  services: [{ nl: "Back-up", en: "Backup" }],
  description: { nl: "Tweede locatie.", en: "Second site." },
  windowEndsAt: "2026-04-11T21:59:59.999Z",
  windowDays: 14,
  plannedEffectiveAt: null,
});
