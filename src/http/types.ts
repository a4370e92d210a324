import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Db } from "../db/engine.ts";
import type { Clock } from "../domain/clock.ts";

/** The Fastify instance every module adds its routes to (under /api/v1), typed by its TypeBox schemas. */
export type TypedApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** What a module's routes are given. */
export interface RouteDeps {
  db: Db;
  clock: Clock;
}
