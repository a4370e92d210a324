// The catalogue module's public surface: other modules import from here only (.dependency-cruiser.cjs).
export { findServicesByCode, listMeasures } from "./queries.ts";
export { refreshAnnexes } from "./refresh-annexes.ts";
export { catalogueRoutes } from "./routes.ts";
