// The processor module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import { processorRoutes } from "./routes.ts";

export { findProcessor } from "./queries.ts";

/** What the processor module brings to the core (the processor's details and policies); src/modules.ts lists it. */
export const processorModule = {
  name: "processor",
  routes: [processorRoutes],
};
