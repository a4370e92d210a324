// The imports module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import { importRoutes } from "./routes.ts";

export { importCustomers } from "./import-customers.ts";
export type { CustomerRecord } from "./customer-import.ts";
export { controllersByNumber } from "./queries.ts";
// For other billing imports (the fee ledger, modules/claims): the same CSV reading and amounts.
export { parseEuroCents, readCsv, type CsvRow } from "./customer-import.ts";
export { decodeCsvText } from "./csv-text.ts";

/** What the imports module brings to the core (customers from a billing export); src/modules.ts lists it. */
export const importsModule = {
  name: "imports",
  routes: [importRoutes],
};
