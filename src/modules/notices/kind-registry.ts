import type { NoticeKind, NoticeKinds } from "../../db/schema/index.ts";
import type { Locale, LocalizedText } from "../../domain/text.ts";

// The notice kinds Art28 sends. The notices engine (queue, outbox, renderer, inbox) knows none of
// them: each module defines its own (its data type, by augmenting NoticeKinds in db/schema/notices.ts;
// its nl/en templates; its view) and the composition root registers them all (src/modules.ts).

/** The fields a kind's templates read. Names must not clash with the renderer's context fields. */
export type NoticeView = Record<string, unknown>;

export interface NoticeKindDefinition<K extends NoticeKind = NoticeKind> {
  kind: K;
  /** The kind in words, as inboxes, the outbox and delivery logs name it. */
  label: LocalizedText;
  /** The folder holding `<kind>.nl.mustache` and `<kind>.en.mustache` (notices/templates/README.md). */
  templates: URL;
  /** The fields its templates read, from the stored data, in the reader's language and zone. */
  view(data: NoticeKinds[K], locale: Locale, zone: string): NoticeView;
  /** Written to the customer (the processor signs it) rather than to the processor's own staff. */
  toCustomer(data: NoticeKinds[K]): boolean;
  /**
   * Written to someone outside the agreement (a data subject who wrote to the processor, art. 8.1):
   * signed by the processor, without the agreement's footer or a link into the portal.
   */
  toPublic?: boolean;
  /** The customer is asked to acknowledge it in the portal; the acknowledgement is evidence. */
  acknowledged: boolean;
  /**
   * The kind carries a secret (a single-use link's token) that only the recipient's e-mail may show
   * (notices/secrets.ts): `fields` name the data fields holding it, `until` the data field holding
   * the ISO instant it stops working. The API shows a placeholder instead, everywhere, to everyone;
   * the worker removes it from the notice when the e-mail is sent, the sweep when `until` has passed.
   */
  secret?: { fields: readonly (keyof NoticeKinds[K] & string)[]; until: keyof NoticeKinds[K] & string };
}

/** One kind's definition, typed by its own data, in a list of definitions of any kind. */
export function defineNoticeKind<K extends NoticeKind>(definition: NoticeKindDefinition<K>): NoticeKindDefinition {
  return definition as unknown as NoticeKindDefinition;
}

const registered = new Map<string, NoticeKindDefinition>();

/** Adds kinds (the composition root does, once per process); the same definition again is a no-op. */
export function registerNoticeKinds(definitions: readonly NoticeKindDefinition[]): void {
  for (const definition of definitions) {
    const existing = registered.get(definition.kind);
    if (existing && existing !== definition) {
      throw new Error(`notice kind ${definition.kind} is defined twice`);
    }
    registered.set(definition.kind, definition);
  }
}

/** The definition of a kind; a kind nobody registered is a programming error. */
export function noticeKindOf(kind: NoticeKind): NoticeKindDefinition {
  const definition = registered.get(kind);
  if (!definition) {
    throw new RangeError(`unknown notice kind: ${kind} (is its module listed in src/modules.ts?)`);
  }
  return definition;
}

/** The registered kinds that carry a secret (for the sweep that removes expired ones). */
export function secretNoticeKinds(): NoticeKindDefinition[] {
  return [...registered.values()].filter((definition) => definition.secret !== undefined);
}

/** A kind in words; a kind no module defines any more (an old row) is named by its code. */
export function noticeKindLabel(kind: string): LocalizedText {
  return registered.get(kind)?.label ?? { nl: kind, en: kind };
}
