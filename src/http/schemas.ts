import { Type } from "typebox";

export const ErrorBodySchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    requestId: Type.String(),
  }),
});

/** The error answers every route documents. */
export const ErrorResponses = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

export const Uuid = Type.String({ format: "uuid" });
/** A text in Dutch and English (the reader's UI picks one). */
export const Localized = Type.Object({ nl: Type.String(), en: Type.String() });
/** `:id` in a route's path. */
export const IdParams = Type.Object({ id: Uuid });

export const Instant = Type.String({ format: "date-time" });
export const NullableInstant = Type.Union([Instant, Type.Null()]);
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
