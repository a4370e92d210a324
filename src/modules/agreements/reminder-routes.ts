import { Type } from "typebox";
import { NO_CUSTOMERS } from "../../http/audience.ts";
import { inScope } from "../../db/scope.ts";
import { scopeOf, STAFF_WRITE } from "../../http/actor.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { eventActor } from "../evidence/index.ts";
import { remindAllUnsigned } from "./signing-reminders.ts";

export function signingReminderRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  app.post(
    "/agreements/signing-reminders",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["agreements"],
        summary: "Remind every customer that has not signed its offered agreement now: one signing_reminder notice per customer",
        response: { 200: Type.Object({ queued: Type.Integer({ minimum: 0 }) }), ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const queued = await inScope(db, scopeOf(actor), (tx) => remindAllUnsigned(tx, clock, eventActor(actor)));
      return { queued };
    },
  );
}
