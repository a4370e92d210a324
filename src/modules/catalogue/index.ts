// The catalogue module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import { catalogueRoutes } from "./routes.ts";

export { findServicesByCode, findTermsByCode } from "./queries.ts";
export { loadCatalogue, refreshAnnexes } from "./refresh-annexes.ts";

/** What the catalogue module brings to the core (services, Annex 1 vocabulary; Annex 2 is the measures module's); src/modules.ts lists it. */
export const catalogueModule = {
  name: "catalogue",
  routes: [catalogueRoutes],
};
