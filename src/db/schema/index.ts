export * from "./processor.ts";
export * from "./catalogue.ts";
export * from "./controllers.ts";
export * from "./auth.ts";
export * from "./agreements.ts";
export * from "./events.ts";
