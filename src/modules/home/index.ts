// The home module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import { homeRoutes } from "./routes.ts";

/** What the home module brings to the core (what needs doing, for customers and staff; bulk countersign); src/modules.ts lists it. */
export const homeModule = {
  name: "home",
  routes: [homeRoutes],
};
