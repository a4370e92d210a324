import { CUSTOMER_ALL, NO_CUSTOMERS } from "../../http/audience.ts";
import { Type } from "typebox";
import { inScope } from "../../db/scope.ts";
import type { RouteDeps, TypedApp } from "../../http/types.ts";
import { actorOf } from "../../http/request-context.ts";
import { ErrorResponses, Line } from "../../http/schemas.ts";
import { invalid } from "../../http/errors.ts";
import { scopeOf, STAFF_WRITE, STAFF_ALL } from "../../http/actor.ts";
import { eventActor } from "../evidence/index.ts";
import { recordEvent } from "../evidence/index.ts";
import { processorContextChanged } from "../notices/index.ts";
import { findProcessor, saveProcessor } from "./queries.ts";

const NullableLine = (max: number) => Type.Union([Line(max), Type.Null()]);
const ProcessorBody = Type.Object(
  {
    name: Line(200, { minLength: 1 }),
    kvk: Type.Union([Type.String({ pattern: "^[0-9]{8}$", maxLength: 8, description: "8 digits" }), Type.Null()]),
    address: NullableLine(200),
    postalCode: NullableLine(20),
    city: NullableLine(100),
    country: Type.String({ pattern: "^[A-Z]{2}$", maxLength: 2 }),
    court: Line(200, { minLength: 1 }),
    timeZone: Line(64, { minLength: 1 }),
    privacyEmail: Type.Union([Type.String({ format: "email", maxLength: 254 }), Type.Null()]),
    autoCountersign: Type.Boolean(),
  },
  { additionalProperties: false },
);

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    // RangeError: not an IANA zone
    return false;
  }
}

export function processorRoutes(app: TypedApp, { db, clock }: RouteDeps) {
  app.get(
    "/processor",
    {
      config: { audience: { staff: STAFF_ALL, customer: CUSTOMER_ALL } },
      schema: { tags: ["processor"], summary: "The processor's details", response: { 200: ProcessorBody, ...ErrorResponses } },
    },
    async (request) => {
      actorOf(request);
      return findProcessor(db);
    },
  );

  app.put(
    "/processor",
    {
      config: { audience: { staff: STAFF_WRITE, customer: NO_CUSTOMERS } },
      schema: {
        tags: ["processor"],
        summary: "Change the processor's details and policies",
        body: ProcessorBody,
        response: { 200: ProcessorBody, ...ErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!validZone(request.body.timeZone)) {
        throw invalid("body.timeZone", "is not a known IANA time zone (e.g. Europe/Amsterdam)");
      }
      const saved = await inScope(db, scopeOf(actor), async (tx) => {
        await saveProcessor(tx, { ...request.body, updatedAt: clock.now() });
        await recordEvent(tx, clock, { type: "processor.changed", actor: eventActor(actor), controllerId: null, data: { ...request.body } });
        return findProcessor(tx);
      });
      processorContextChanged();
      return saved;
    },
  );
}
