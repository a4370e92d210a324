import { inScope } from "../../db/scope.ts";
import { NO_CUSTOMERS } from "../../http/audience.ts";
import { scopeOf, STAFF_WRITE, type Actor } from "../../http/actor.ts";
import { actorOf } from "../../http/request-context.ts";
import type { Static } from "typebox";
import { ErrorResponses, IdParams } from "../../http/schemas.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { acceptInstruction } from "./accept-instruction.ts";
import { visibleCase } from "./access.ts";
import { CaseDetail, InstructionAcceptBody, InstructionWarningBody } from "./schemas.ts";
import { warnInstruction } from "./warn-instruction.ts";
import type { Who } from "./who.ts";

const tags = ["cases"];

/** A written instruction's two answers of its own (art. 1.2; GDPR 28(3)): accept it into Annex 1, or warn. Refusing is POST /cases/{id}/close. */
export function instructionRoutes(
  app: TypedApp,
  { db, clock }: RouteDeps,
  detail: (actor: Actor, id: string) => Promise<Static<typeof CaseDetail>>,
  whoOf: (actor: Actor) => Who,
): void {
  app.post(
    "/cases/:id/instruction/accept",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "case" } },
      schema: {
        tags,
        summary:
          "Accept a written instruction (art. 1.2): its purpose (a catalogue purpose, or given in nl and en) goes into the customer's Annex 1 for the services it names, as a new version; the customer is told what changed",
        params: IdParams,
        body: InstructionAcceptBody,
        response: { 200: CaseDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleCase(db, actor, request.params.id);
      await inScope(db, scopeOf(actor), (tx) => acceptInstruction(tx, clock, whoOf(actor), request.params.id, request.body));
      return detail(actor, request.params.id);
    },
  );

  app.post(
    "/cases/:id/instruction/warning",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS, record: "case" } },
      schema: {
        tags,
        summary:
          "Warn that a written instruction would infringe the GDPR or other law (GDPR art. 28(3), last paragraph), with the reasoning: it is not carried out, and the customer gets a warning it acknowledges",
        params: IdParams,
        body: InstructionWarningBody,
        response: { 200: CaseDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await visibleCase(db, actor, request.params.id);
      await inScope(db, scopeOf(actor), (tx) => warnInstruction(tx, clock, whoOf(actor), request.params.id, request.body));
      return detail(actor, request.params.id);
    },
  );
}
