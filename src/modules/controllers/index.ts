// The controllers module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import { controllerRoutes } from "./routes.ts";

export { assignmentsOf, visibleController } from "./access.ts";
export { createController } from "./create-controller.ts";
export type { ControllerInput } from "./create-controller.ts";
export { findContact, findController } from "./queries.ts";
export { contactOut } from "./present-contact.ts";
export { Contact, ContactBody } from "./schemas.ts";
export { setControllerServices } from "./set-services.ts";
export { registerLastServiceEnded } from "./last-service.ts";
export type { LastServiceEnded } from "./last-service.ts";
export { domainOut, setControllerDomains } from "./set-domains.ts";
export { findControllerDomains } from "./queries.ts";
export type { ServiceTaken } from "./set-services.ts";
export { updateContact } from "./update-contact.ts";
export type { ContactInput } from "./update-contact.ts";

/** What the controllers module brings to the core (customers, their services and privacy contact); src/modules.ts lists it. */
export const controllersModule = {
  name: "controllers",
  routes: [controllerRoutes],
};
