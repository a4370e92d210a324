// The trust module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import { trustRoutes } from "./routes.ts";

/** What the trust module brings to the core (the public trust page and feed); src/modules.ts lists it. */
export const trustModule = {
  name: "trust",
  routes: [trustRoutes],
};
