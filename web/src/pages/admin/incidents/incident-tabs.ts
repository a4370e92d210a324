/** The incident page's tabs, in the order the work goes; `?tab=` holds one of them. */
export const INCIDENT_TABS = ["incident", "affected", "notice", "timeline"] as const;
export type IncidentTab = (typeof INCIDENT_TABS)[number];
