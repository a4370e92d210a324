/** Keys in the order a person reads a template text; the database (jsonb) does not keep key order. */
const READING_ORDER = ["locale", "number", "title", "intro", "recitalsHeading", "recitals", "articles", "clauses", "text"];

function reorder(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(reorder);
  }
  if (typeof value !== "object" || value === null) {
    return value;
  }
  const rank = (key: string) => {
    const i = READING_ORDER.indexOf(key);
    return i === -1 ? READING_ORDER.length : i;
  };
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([key, inner]) => [key, reorder(inner)]),
  );
}

/** A stored template text as indented JSON for the editor, keys in reading order. */
export function textAsJson(text: unknown): string {
  return JSON.stringify(reorder(text), null, 2);
}
