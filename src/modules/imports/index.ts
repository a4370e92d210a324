// The imports module's public surface: other modules import from here only (.dependency-cruiser.cjs).
export { importRoutes } from "./routes.ts";
