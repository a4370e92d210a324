import type { Catalogue } from "./annex.ts";
import type { LocalizedText } from "./text.ts";

// art. 12.2: at the end of the agreement the processor deletes the customer's personal data. The
// deletion plan has one line per system and data category: the processor's own systems of each
// service the customer took (Annex 1A) with the categories that service involves (1C), and each
// sub-processor those services use (1E) with the categories of the services it serves, as the
// sub-processor must delete too and confirm it (art. 5.3: the same duties flow down).

export interface DeletionPlanLine {
  party: "processor" | "subprocessor";
  /** The service's code, or the sub-processor's id. */
  systemCode: string;
  system: LocalizedText;
  categoryCode: string;
  category: LocalizedText;
}

/**
 * The plan's lines for the services a customer took until the end, in a stable order: the
 * processor's lines by service in catalogue order, then the sub-processors' by name, each by
 * category in catalogue order. A category a service names that the catalogue lacks is kept by its code.
 */
export function deletionPlanLines(serviceCodes: readonly string[], catalogue: Catalogue): DeletionPlanLine[] {
  const taken = catalogue.services.filter((s) => serviceCodes.includes(s.code));
  const categoryOrder = new Map(catalogue.dataCategories.map((c, i) => [c.code, i]));
  const category = (code: string): LocalizedText => {
    const found = catalogue.dataCategories.find((c) => c.code === code);
    return found ? { nl: found.nl, en: found.en } : { nl: code, en: code };
  };
  const sorted = (codes: Iterable<string>) =>
    [...new Set(codes)].sort((a, b) => (categoryOrder.get(a) ?? Infinity) - (categoryOrder.get(b) ?? Infinity) || a.localeCompare(b));
  const own: DeletionPlanLine[] = taken.flatMap((service) =>
    sorted(service.dataCategories).map((code) => ({
      party: "processor" as const,
      systemCode: service.code,
      system: { nl: service.nl, en: service.en },
      categoryCode: code,
      category: category(code),
    })),
  );
  const subprocessors = catalogue.subprocessors
    .filter((p) => taken.some((s) => s.subprocessors.includes(p.code)))
    .sort((a, b) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code));
  const theirs: DeletionPlanLine[] = subprocessors.flatMap((p) =>
    sorted(taken.filter((s) => s.subprocessors.includes(p.code)).flatMap((s) => s.dataCategories)).map((code) => ({
      party: "subprocessor" as const,
      systemCode: p.code,
      system: { nl: p.name, en: p.name },
      categoryCode: code,
      category: category(code),
    })),
  );
  return [...own, ...theirs];
}
