// Each evidence event type in words. The modules declare their types and labels (their events.ts); the
// composition root gathers them, type-checked to be complete (src/event-labels.ts), and registers them
// here once, as it does the notice kinds, so answers that list events can say what each one means.
import type { EventType } from "../../db/schema/events.ts";
import type { LocalizedText } from "../../domain/text.ts";

let labels: Partial<Record<EventType, LocalizedText>> = {};

/** Called by the composition root (src/app.ts) with every module's labels. */
export function registerEventLabels(all: Record<EventType, LocalizedText>): void {
  labels = all;
}

/** The event type in words; a type no module labelled (an old log's) is shown as it is. */
export function eventLabel(type: string): LocalizedText {
  return labels[type as EventType] ?? { nl: type, en: type };
}
