// The threads module's public surface: other modules import from here only (.dependency-cruiser.cjs).
// A thread is a conversation both ways between the processor and one customer about one subject
// (the art. 5.2 consultation of an objection, a case), with attachments kept byte for byte.
import { threadRoutes } from "./routes.ts";

export { postThreadMessage } from "./post-message.ts";
export type { PostedThreadMessage, ThreadMessageInput } from "./post-message.ts";
export { listThread, threadCount } from "./queries.ts";
export type { ThreadMessage, ThreadSubject } from "./queries.ts";
export { readMessageForm } from "./message-form.ts";
export { cleanFileName, ONE_FILE_LIMITS, readMultipart, readOneFile, sha256Hex, UPLOAD_LIMITS } from "./multipart.ts";
export type { OneFile, ReceivedFile } from "./multipart.ts";
export { Attachment, Message, MessageBody, MessageForm } from "./schemas.ts";

/** What the threads module brings to the core: the attachments' download; src/modules.ts lists it. */
export const threadsModule = {
  name: "threads",
  routes: [threadRoutes],
};
