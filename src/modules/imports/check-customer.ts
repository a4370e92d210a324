import { Compile } from "typebox/compile";
import type { Text } from "../../http/errors.ts";
import { ImportedCustomer } from "./schemas.ts";
import { importWords } from "./words.ts";

// One schema, two formats: a customer read from a CSV file is checked by the schema the JSON
// import's body is (schemas.ts), and so is one `art28 import` reads from a JSON file.

const CHECK_CUSTOMER = Compile(ImportedCustomer);
/** Where a customer's value breaks the import schema: its path ("services/1/monthlyFeeCents") and why, in nl and en. */
export function customerProblems(candidate: unknown): { path: string; message: Text }[] {
  if (CHECK_CUSTOMER.Check(candidate)) {
    return [];
  }
  // A nullable value that is wrong also "is not null", and a union says "matches none": only the real reason counts.
  const errors = CHECK_CUSTOMER.Errors(candidate).filter((e) => e.keyword !== "anyOf" && !(e.keyword === "type" && e.params.type === "null"));
  const paths = errors.map((e) => e.instancePath);
  const seen = new Set<string>();
  const problems: { path: string; message: Text }[] = [];
  for (const e of errors) {
    const path = e.instancePath.replace(/^\//, "");
    if (seen.has(path) || paths.some((p) => p.startsWith(`${e.instancePath}/`))) {
      continue;
    }
    seen.add(path);
    const params = e.params as { limit?: unknown };
    const limit = typeof params.limit === "number" ? params.limit : 0;
    const message: Text =
      e.keyword === "maxLength"
        ? importWords.tooLong(limit)
        : e.keyword === "minLength"
          ? limit <= 1
            ? importWords.required
            : importWords.tooShort(limit)
          : e.keyword === "maximum"
            ? importWords.tooLarge(limit)
            : e.keyword === "minimum"
              ? importWords.tooSmall(limit)
              : e.keyword === "maxItems"
                ? importWords.tooMany(limit)
                : e.keyword === "pattern"
                  ? importWords.controlOrFormat
                  : importWords.invalid(e.message);
    problems.push({ path, message });
  }
  return problems;
}
