// The evidence bundle module's public surface: a customer's evidence as a ZIP it can verify alone
// (the pure verifier: src/domain/evidence-bundle/).
import { bundleRoutes } from "./routes.ts";

/** What the evidence bundle module brings to the core; src/modules.ts lists it. */
export const evidenceBundleModule = {
  name: "evidence-bundle",
  routes: [bundleRoutes],
};
