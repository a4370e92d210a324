// The canonical form of an evidence event, which its hash covers. No Node import: the browser's
// bundle verifier (src/domain/evidence-bundle) computes the same bytes as the server does.
import canonicalize from "canonicalize";

export type ActorKind = "staff" | "customer" | "system" | "api";

/** Everything of an event that its hash covers. */
export interface ChainedEvent {
  stream: string;
  streamSeq: number;
  occurredAt: Date;
  type: string;
  actorKind: ActorKind;
  actorId: string | null;
  actorLabel: string;
  controllerId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  data: Record<string, unknown>;
  prevHash: string;
}

/**
 * The RFC 8785 (JCS) canonical JSON of an event and its predecessor's hash. The envelope's keys
 * are written in JCS order directly (strings and numbers serialise in JCS exactly as
 * JSON.stringify does); only the free-form `data` goes through the general canonicaliser. A test
 * holds this byte-for-byte equal to canonicalize() of the whole object.
 */
export function canonicalEvent(event: ChainedEvent): string {
  const data = canonicalize(event.data);
  if (data === undefined) {
    throw new Error("event data could not be canonicalised");
  }
  const j = JSON.stringify;
  return (
    `{"actor":{"id":${j(event.actorId)},"kind":${j(event.actorKind)},"label":${j(event.actorLabel)}},` +
    `"controllerId":${j(event.controllerId)},"data":${data},"occurredAt":${j(event.occurredAt.toISOString())},` +
    `"prevHash":${j(event.prevHash)},"stream":${j(event.stream)},"streamSeq":${j(event.streamSeq)},` +
    `"subject":{"id":${j(event.subjectId)},"type":${j(event.subjectType)}},"type":${j(event.type)},"v":1}`
  );
}
