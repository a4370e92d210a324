// The imports module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import { importRoutes } from "./routes.ts";

/** What the imports module brings to the core (customers from a billing export); src/modules.ts lists it. */
export const importsModule = {
  name: "imports",
  routes: [importRoutes],
};
