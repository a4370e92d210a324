// The trust module's public surface: other modules import from here only (.dependency-cruiser.cjs).
export { trustRoutes } from "./routes.ts";
