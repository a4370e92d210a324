// The register module's public surface (GDPR art. 30(2); agreement art. 1.4): other modules import from here only.
import { registerRoutes } from "./routes.ts";

export { openRegisterExport, writeRegister, registerFileName, type RegisterFormat } from "./export-register.ts";
export { PDF_MAX_CONTROLLERS } from "./export-files.ts";

/** What the register module brings to the core; src/modules.ts lists it. */
export const registerModule = {
  name: "register",
  routes: [registerRoutes],
};
