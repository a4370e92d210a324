/** The two logged-in areas; shared pages take one to build their links. */
export type Area = "portal" | "admin";

export const areaBase = (area: Area) => (area === "portal" ? "/portal" : "/admin");
