// The setup module's public surface: other modules import from here only (.dependency-cruiser.cjs).
export { loadDefaultCatalogue, loadDefaultMeasures, loadDefaultTemplate, readDemoSubprocessors } from "./defaults.ts";
