// The register as a table (CSV, XLSX, the preview): one line per controller and category of
// processing (service), or one line for a controller that takes none yet, so a spreadsheet can
// filter by either. The columns and their words are here once.
import type { Locale, LocalizedText } from "../../domain/text.ts";
import { measureThemes, transferText, type ProcessingCategory, type RegisterContext, type RegisterController } from "./content.ts";
import { registerWords } from "./words.ts";

const C = registerWords.column;

export interface Column {
  header: LocalizedText;
  /** The same for every line of a category (service), or of the whole register: computed once. */
  depends?: "category" | "context";
  /** Width in the XLSX (characters); long texts wrap. */
  width: number;
  value: (line: Line, locale: Locale) => string;
}

interface Line {
  controller: RegisterController;
  category: ProcessingCategory | null;
  context: RegisterContext;
}

const list = (items: LocalizedText[], locale: Locale) => items.map((i) => i[locale]).join("; ");

export const COLUMNS: readonly Column[] = [
  { header: C.processorName, depends: "context", width: 22, value: (l) => l.context.processor.name },
  {
    header: C.processorContact,
    depends: "context",
    width: 30,
    value: (l) => [l.context.processor.address, l.context.processor.privacyEmail].filter((p) => p !== null && p !== "").join("; "),
  },
  { header: C.customerNumber, width: 14, value: (l) => l.controller.customerNumber },
  { header: C.controllerName, width: 30, value: (l) => l.controller.name },
  { header: C.controllerAddress, width: 36, value: (l) => l.controller.address },
  { header: C.contactRole, width: 22, value: (l, locale) => (l.controller.contact === null ? "" : registerWords.role[l.controller.contact.role][locale]) },
  { header: C.contactName, width: 22, value: (l) => l.controller.contact?.name ?? "" },
  { header: C.contactEmail, width: 28, value: (l) => l.controller.contact?.email ?? "" },
  { header: C.contactPhone, width: 16, value: (l) => l.controller.contact?.phone ?? "" },
  { header: C.service, depends: "category", width: 24, value: (l, locale) => l.category?.name[locale] ?? "" },
  { header: C.purposes, depends: "category", width: 40, value: (l, locale) => (l.category === null ? "" : list(l.category.purposes, locale)) },
  { header: C.dataCategories, depends: "category", width: 40, value: (l, locale) => (l.category === null ? "" : list(l.category.dataCategories, locale)) },
  {
    header: C.subjectCategories,
    depends: "category",
    width: 30,
    value: (l, locale) => (l.category === null ? "" : list(l.category.subjectCategories, locale)),
  },
  { header: C.subprocessors, depends: "category", width: 30, value: (l) => l.category?.subprocessors.join("; ") ?? "" },
  {
    header: C.transfers,
    depends: "category",
    width: 50,
    value: (l, locale) =>
      l.category === null
        ? ""
        : l.category.transfers.length === 0
          ? registerWords.none[locale]
          : l.category.transfers.map((t) => transferText(t, locale)).join("; "),
  },
  {
    header: C.measures,
    depends: "context",
    width: 50,
    value: (l, locale) => registerWords.measuresSummary(measureThemes(l.context.measures, locale), l.context.measures.version)[locale],
  },
];

const indexes = (kind: Column["depends"]) => new Set(COLUMNS.flatMap((column, index) => (column.depends === kind ? [index] : [])));
const BY_CATEGORY = indexes("category");
const BY_CONTEXT = indexes("context");

export const headers = (locale: Locale): string[] => COLUMNS.map((c) => c.header[locale]);

// What a category of processing and the shared columns say is the same on every line: computed
// once per export and language, not on each of 200,000 lines.
const sharedCells = new WeakMap<object, Partial<Record<Locale, string[]>>>();

function cellsOnce(key: object, locale: Locale, compute: () => string[]): string[] {
  let entry = sharedCells.get(key);
  if (entry === undefined) {
    entry = {};
    sharedCells.set(key, entry);
  }
  return (entry[locale] ??= compute());
}

/** The controller's lines as cells in `locale`: one per category of processing, at least one. */
export function linesOf(controller: RegisterController, context: RegisterContext, locale: Locale): string[][] {
  const categories: (ProcessingCategory | null)[] = controller.categories.length === 0 ? [null] : controller.categories;
  const perController = COLUMNS.map((column, index) =>
    BY_CATEGORY.has(index) || BY_CONTEXT.has(index) ? "" : column.value({ controller, category: null, context }, locale),
  );
  const shared = cellsOnce(context, locale, () =>
    COLUMNS.map((column, index) => (BY_CONTEXT.has(index) ? column.value({ controller, category: null, context }, locale) : "")),
  );
  return categories.map((category) => {
    const own =
      category === null
        ? null
        : cellsOnce(category, locale, () =>
            COLUMNS.map((column, index) => (BY_CATEGORY.has(index) ? column.value({ controller, category, context }, locale) : "")),
          );
    return COLUMNS.map((_, index) =>
      BY_CONTEXT.has(index) ? (shared[index] ?? "") : BY_CATEGORY.has(index) ? (own?.[index] ?? "") : (perController[index] ?? ""),
    );
  });
}
