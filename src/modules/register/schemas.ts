import { Type } from "typebox";
import { Int } from "../../http/schemas.ts";

const Lang = Type.Optional(Type.Enum(["nl", "en"], { description: "the language of headers and texts; default the user's" }));

/** The whole register (staff). */
export const RegisterExportQuery = Type.Object({ format: Type.Enum(["csv", "xlsx", "pdf"]), lang: Lang }, { additionalProperties: false });

/** A customer's own slice (art. 30(1)). */
export const SliceExportQuery = Type.Object({ format: Type.Enum(["csv", "xlsx", "pdf", "json"]), lang: Lang }, { additionalProperties: false });

export const PreviewQuery = Type.Object({ limit: Type.Optional(Int(1, 50)), lang: Lang }, { additionalProperties: false });

export const RegisterPreview = Type.Object({
  controllers: Type.Integer(),
  /** The largest register the PDF takes; above it the PDF button is off. */
  pdfMaxControllers: Type.Integer(),
  columns: Type.Array(Type.String()),
  rows: Type.Array(Type.Array(Type.String())),
});
