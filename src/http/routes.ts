import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { RouteDeps, TypedApp } from "./types.ts";
import { authRoutes } from "../modules/auth/routes.ts";
import { processorRoutes } from "../modules/processor/routes.ts";
import { catalogueRoutes } from "../modules/catalogue/routes.ts";
import { controllerRoutes } from "../modules/controllers/routes.ts";
import { agreementRoutes } from "../modules/agreements/routes.ts";
import { importRoutes } from "../modules/imports/routes.ts";
import { noticeRoutes } from "../modules/notices/routes.ts";
import { obligationRoutes } from "../modules/obligations/routes.ts";
import { subprocessorRoutes } from "../modules/subprocessors/routes.ts";
import { trustRoutes } from "../modules/trust/routes.ts";
import { incidentRoutes } from "../modules/breaches/routes.ts";
import { breachPortalRoutes } from "../modules/breaches/portal-routes.ts";
import { evidenceRoutes } from "../modules/evidence/routes.ts";

/** Every module's routes under /api/v1. A module exports one function that adds its routes. */
export async function registerModules(app: TypedApp, deps: RouteDeps): Promise<void> {
  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<TypeBoxTypeProvider>();
      authRoutes(typed, deps);
      processorRoutes(typed, deps);
      catalogueRoutes(typed, deps);
      controllerRoutes(typed, deps);
      agreementRoutes(typed, deps);
      importRoutes(typed, deps);
      noticeRoutes(typed, deps);
      obligationRoutes(typed, deps);
      subprocessorRoutes(typed, deps);
      trustRoutes(typed, deps);
      incidentRoutes(typed, deps);
      breachPortalRoutes(typed, deps);
      evidenceRoutes(typed, deps);
    },
    { prefix: "/api/v1" },
  );
}
