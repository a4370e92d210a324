// The processor module's public surface: other modules import from here only (.dependency-cruiser.cjs).
export { findProcessor } from "./queries.ts";
export { processorRoutes } from "./routes.ts";
