import { Type } from "typebox";
import { Instant, Text } from "../../http/schemas.ts";

/** A message's text as JSON; with files, the same as multipart/form-data (MessageForm). */
export const MessageBody = Type.Object({ body: Text(20_000) }, { additionalProperties: false });
/** The multipart form, for the OpenAPI document (the handler reads the parts). */
export const MessageForm = Type.Object({
  body: Type.Optional(Text(20_000, { description: "the message" })),
  files: Type.Optional(Type.Array(Type.String({ format: "binary" }), { maxItems: 5, description: "up to 5 attachments, each at most 10 MB" })),
});

export const Attachment = Type.Object({ id: Type.String(), fileName: Type.String(), mediaType: Type.String(), size: Type.Integer(), sha256: Type.String() });
export const Message = Type.Object({
  id: Type.String(),
  from: Type.Enum(["processor", "customer"]),
  authorName: Type.String(),
  body: Type.String(),
  createdAt: Instant,
  attachments: Type.Array(Attachment),
});
