import fastifyMultipart, { type FastifyMultipartOptions } from "@fastify/multipart";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { TypedApp } from "./types.ts";

/**
 * Registers a module's routes in a plugin of their own that accepts multipart uploads within
 * `limits`, so uploads are accepted there and nowhere else. The handlers read the parts themselves;
 * a route's body schema still runs, on an empty object.
 */
export function withMultipart(app: TypedApp, limits: FastifyMultipartOptions["limits"], register: (scoped: TypedApp) => void): void {
  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits });
    scope.addHook("preValidation", async (request) => {
      if (request.isMultipart() && request.body === undefined) {
        request.body = {};
      }
    });
    register(scope.withTypeProvider<TypeBoxTypeProvider>());
  });
}
