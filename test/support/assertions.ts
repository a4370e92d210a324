import assert from "node:assert/strict";

/** Asserts a rejection whose message, or its cause's (driver errors are wrapped), matches. */
export async function rejectsMatching(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    const messages: string[] = [];
    let current: unknown = error;
    while (current instanceof Error) {
      messages.push(current.message);
      current = current.cause;
    }
    assert.match(messages.join(" | "), pattern);
    return true;
  });
}
