import type { Db } from "../../db/engine.ts";
import type { LocalizedText } from "../../domain/text.ts";
import type { SubprocessorChangeKind } from "../../db/schema/index.ts";
import { announcedOrAppliedSince, newestChanges, type ChangeRow } from "./change-queries.ts";
import { listSubprocessors, type SubprocessorView } from "./queries.ts";

// What the public trust page shows (art. 5): nothing about customers, only the register and the
// changes announced to them.

export interface PublicChange {
  id: string;
  kind: SubprocessorChangeKind;
  status: "announced" | "effective" | "withdrawn";
  subprocessorName: string;
  replacesName: string | null;
  /** Where it processes data after the change. */
  countries: string[];
  description: LocalizedText;
  announcedAt: Date;
  updatedAt: Date;
  windowClosesAt: Date;
  effectiveAt: Date | null;
}

const countriesOf = (locations: { country: string }[]) => [...new Set(locations.map((l) => l.country))];

function toPublic(c: ChangeRow, byId: Map<string, SubprocessorView>): PublicChange {
  const sub = byId.get(c.subprocessorId);
  return {
    id: c.id,
    kind: c.kind,
    status: c.status,
    subprocessorName: sub?.name ?? "",
    replacesName: c.replacesId ? (byId.get(c.replacesId)?.name ?? null) : null,
    countries: countriesOf(c.kind === "relocate" && c.plan.locations ? c.plan.locations : (sub?.locations ?? [])),
    description: c.description,
    announcedAt: c.announcedAt,
    updatedAt: c.updatedAt,
    windowClosesAt: c.windowClosesAt,
    effectiveAt: c.effectiveAt,
  };
}

async function withSubprocessors(db: Db, changes: ChangeRow[]): Promise<PublicChange[]> {
  const ids = [...new Set(changes.flatMap((c) => [c.subprocessorId, ...(c.replacesId ? [c.replacesId] : [])]))];
  const byId = new Map((await listSubprocessors(db, { ids })).map((s) => [s.id, s]));
  return changes.map((c) => toPublic(c, byId));
}

/** Engaged sub-processors, changes announced and not yet in effect, and those in effect since `since`. */
export async function publicRegister(db: Db, since: Date) {
  const active = await listSubprocessors(db, { status: "active" });
  const changes = await announcedOrAppliedSince(db, since);
  const all = await withSubprocessors(db, changes);
  return {
    active,
    announced: all.filter((c) => c.status === "announced"),
    recent: all.filter((c) => c.status === "effective").sort((a, b) => (b.effectiveAt?.getTime() ?? 0) - (a.effectiveAt?.getTime() ?? 0)),
  };
}

/** The newest changes in every state, for the Atom feed. */
export async function feedChanges(db: Db, limit: number): Promise<PublicChange[]> {
  const changes = await newestChanges(db, limit);
  return withSubprocessors(db, changes);
}
