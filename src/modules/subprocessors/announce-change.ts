import { ROWS_PER_STATEMENT } from "../../db/batches.ts";
import type { Db } from "../../db/engine.ts";
import type { ChangePlan } from "../../db/schema/index.ts";
import { DEFAULT_CLOCKS } from "../../domain/agreement-document.ts";
import type { LocalizedText } from "../../domain/text.ts";
import type { Clock } from "../../domain/clock.ts";
import { dueAt } from "../../domain/legal-time.ts";
import { conflict, invalid } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import type { NoticeSubprocessor } from "./notice-kinds.ts";
import type { SubprocessorChangeKind } from "../../db/schema/index.ts";
import { queueCustomerNotices } from "../notices/index.ts";
import { openObligations } from "../obligations/index.ts";
import { findProcessor } from "../processor/index.ts";
import { countCustomersTaking, customersTakingPage, linkedServiceIds, objectionClocks } from "./change-queries.ts";
import { insertChange, insertRecipients, setAnnouncedWindow } from "./lifecycle-queries.ts";
import { findServices, findSubprocessor, pendingChangesOf, type SubprocessorView } from "./queries.ts";
import { lockSubprocessors } from "./register-queries.ts";
import { checkLocationsAndServices, type LocationInput } from "./save-subprocessor.ts";
import { subprocessorWords } from "./words.ts";

export interface AnnounceInput {
  kind: SubprocessorChangeKind;
  subprocessorId: string;
  replacesId?: string | null | undefined;
  plan: { serviceIds?: string[] | undefined; locations?: LocationInput[] | undefined };
  description: LocalizedText;
  plannedEffectiveAt?: Date | null | undefined;
}

export const OBJECTION_SUBJECT = "subprocessor_change";

export function noticeSubprocessor(sub: Pick<SubprocessorView, "name" | "activity">, locations: { country: string }[]): NoticeSubprocessor {
  return { name: sub.name, activity: sub.activity, countries: [...new Set(locations.map((l) => l.country))] };
}

const samePlaces = (a: LocationInput[], b: LocationInput[]) =>
  a.length === b.length &&
  a.every((l, i) => l.country === b[i]?.country && (l.city ?? "") === (b[i]?.city ?? "") && (l.mechanism ?? "") === (b[i]?.mechanism ?? ""));

/** Checks the change against the register; returns the plan to store and the services it touches. */
async function planOf(
  tx: Db,
  input: AnnounceInput,
  sub: SubprocessorView,
  replaced: SubprocessorView | null,
): Promise<{ plan: ChangePlan; touched: string[] }> {
  const engaged = (s: SubprocessorView) => s.status === "active";
  if (input.kind !== "replace" && input.replacesId) {
    throw invalid("body.replacesId", subprocessorWords.replacesOnlyForReplace);
  }
  if (input.kind !== "relocate" && input.plan.locations !== undefined) {
    throw invalid("body.plan.locations", subprocessorWords.locationsOnlyForRelocate);
  }
  switch (input.kind) {
    case "add":
    case "replace": {
      if (engaged(sub)) {
        throw conflict(subprocessorWords.engagedAlready(sub.name));
      }
      const serviceIds = [...new Set(input.plan.serviceIds ?? (replaced ? replaced.services : sub.services).map((s) => s.id))];
      if (serviceIds.length === 0) {
        throw invalid("body.plan.serviceIds", subprocessorWords.nameServices);
      }
      await checkLocationsAndServices(tx, [], serviceIds, "body.plan");
      const old = replaced ? replaced.services.map((s) => s.id) : [];
      return { plan: { serviceIds }, touched: [...new Set([...serviceIds, ...old])] };
    }
    case "remove":
    case "relocate": {
      if (!engaged(sub)) {
        throw conflict(subprocessorWords.notEngaged(sub.name, sub.status));
      }
      if (input.plan.serviceIds !== undefined) {
        throw invalid("body.plan.serviceIds", subprocessorWords.servicesNotForRemoveOrRelocate);
      }
      const serviceIds = await linkedServiceIds(tx, sub.id);
      if (input.kind === "remove") {
        return { plan: { serviceIds }, touched: serviceIds };
      }
      const locations = input.plan.locations ?? [];
      if (locations.length === 0) {
        throw invalid("body.plan.locations", subprocessorWords.nameNewLocations);
      }
      await checkLocationsAndServices(tx, locations, [], "body.plan");
      if (samePlaces(locations, sub.locations)) {
        throw invalid("body.plan.locations", subprocessorWords.sameLocations);
      }
      return { plan: { serviceIds, locations: locations.map((l) => ({ country: l.country, city: l.city, mechanism: l.mechanism })) }, touched: serviceIds };
    }
    default: {
      const unknown: never = input.kind;
      throw invalid("body.kind", `unknown kind ${String(unknown)}`);
    }
  }
}

/**
 * art. 5.2: announces an intended change of sub-processor to every customer whose services it
 * touches, before it takes effect. Each affected customer gets, in this transaction: its objection
 * window (an obligation ending N calendar days after today in the processor's zone, N from the
 * template version its agreement is on), a recipient row, and a notice naming its own services and
 * window end. The change's window_closes_at is the latest of those ends. Batched: ten thousand
 * customers cost a few statements per thousand. A change that touches no one is announced too.
 *
 * Bounded memory at any size: the customers are walked a page at a time (`page`; by id, the order
 * their evidence streams are locked in), each page's windows, notices and recipient rows written
 * before the next is read, all in the caller's one transaction.
 */
export async function announceSubprocessorChange(
  tx: Db,
  clock: Clock,
  actor: EventActor & { id: string | null },
  input: AnnounceInput,
  page: number = ROWS_PER_STATEMENT,
): Promise<string> {
  const now = clock.now();
  await lockSubprocessors(tx, [input.subprocessorId, input.replacesId ?? input.subprocessorId]);
  const sub = await findSubprocessor(tx, input.subprocessorId);
  if (!sub) {
    throw invalid("body.subprocessorId", subprocessorWords.unknownSubprocessor);
  }
  let replaced: SubprocessorView | null = null;
  if (input.kind === "replace") {
    if (!input.replacesId) {
      throw invalid("body.replacesId", subprocessorWords.replacesRequired);
    }
    if (input.replacesId === input.subprocessorId) {
      throw invalid("body.replacesId", subprocessorWords.replacesItself);
    }
    replaced = await findSubprocessor(tx, input.replacesId);
    if (!replaced) {
      throw invalid("body.replacesId", subprocessorWords.unknownSubprocessor);
    }
    if (replaced.status !== "active") {
      throw conflict(subprocessorWords.cannotReplaceUnengaged(replaced.name));
    }
  }
  for (const s of [sub, replaced]) {
    if (s && (await pendingChangesOf(tx, s.id)).length > 0) {
      throw conflict(subprocessorWords.changePending(s.name));
    }
  }
  const { plan, touched } = await planOf(tx, input, sub, replaced);
  const planned = input.plannedEffectiveAt ?? null;
  if (planned && planned < now) {
    throw invalid("body.plannedEffectiveAt", subprocessorWords.inThePast);
  }
  const { timeZone: zone } = await findProcessor(tx);
  const windowEnd = new Map<number, Date>();
  const endFor = (days: number) => {
    const known = windowEnd.get(days);
    if (known) {
      return known;
    }
    const end = dueAt(now, { unit: "calendarDays", amount: days }, zone);
    windowEnd.set(days, end);
    return end;
  };

  // The change's window end and count are known once every customer is: set after the pages.
  const changeId = await insertChange(tx, {
    kind: input.kind,
    subprocessorId: sub.id,
    replacesId: replaced?.id ?? null,
    plan,
    description: input.description,
    status: "announced",
    announcedAt: now,
    announcedBy: actor.id,
    windowClosesAt: now,
    effectiveAt: planned,
    affectedCount: 0,
    updatedAt: now,
  });
  const subject = { type: OBJECTION_SUBJECT, id: changeId };
  const serviceNames = new Map((await findServices(tx, touched)).map((s) => [s.id, { nl: s.nl, en: s.en }]));
  const after = noticeSubprocessor(sub, plan.locations ?? sub.locations);

  let affected = 0;
  let windowClosesAt = now;
  /** Customers per template version and window length (few): the evidence's summary. */
  const byVersion = new Map<string, number>();
  let cursor: string | null = null;
  for (let pages = Math.ceil((await countCustomersTaking(tx, touched)) / page) + 1; pages > 0; pages -= 1) {
    const customers = await customersTakingPage(tx, touched, cursor, page);
    if (customers.length === 0) {
      break;
    }
    cursor = customers.at(-1)?.controllerId ?? null;
    const clocks = await objectionClocks(
      tx,
      customers.map((a) => a.controllerId),
    );
    const windows = customers.map((a) => {
      const c = clocks.get(a.controllerId) ?? { templateVersion: null, days: DEFAULT_CLOCKS.subprocessorObjectionDays };
      return { ...a, ...c, endsAt: endFor(c.days) };
    });
    for (const w of windows) {
      windowClosesAt = w.endsAt > windowClosesAt ? w.endsAt : windowClosesAt;
      const key = `${w.templateVersion ?? "-"}:${w.days}`;
      byVersion.set(key, (byVersion.get(key) ?? 0) + 1);
    }
    affected += windows.length;

    const obligationRows = await openObligations(
      tx,
      clock,
      actor,
      windows.map((w) => ({
        controllerId: w.controllerId,
        kind: "subprocessor_objection",
        nature: "window" as const,
        party: "controller" as const,
        responsibleRoles: ["privacy_officer" as const],
        title: subprocessorWords.objectionWindowTitle(sub.name),
        subject,
        article: "5.2",
        clock: { unit: "calendarDays" as const, amount: w.days },
        templateVersion: w.templateVersion,
        zone,
        triggerAt: now,
      })),
    );
    const noticeIds = await queueCustomerNotices(
      tx,
      clock,
      actor,
      windows.map((w, i) => ({
        controllerId: w.controllerId,
        subject,
        data: {
          kind: "subprocessor_change_announced" as const,
          changeId,
          changeKind: input.kind,
          subprocessor: after,
          replaces: replaced ? noticeSubprocessor(replaced, replaced.locations) : null,
          previousCountries: input.kind === "relocate" ? noticeSubprocessor(sub, sub.locations).countries : null,
          services: w.serviceIds.flatMap((id) => serviceNames.get(id) ?? []),
          description: input.description,
          windowEndsAt: (obligationRows[i]?.dueAt ?? w.endsAt).toISOString(),
          windowDays: w.days,
          plannedEffectiveAt: planned?.toISOString() ?? null,
        },
      })),
    );
    await insertRecipients(
      tx,
      windows.map((w, i) => ({
        changeId,
        controllerId: w.controllerId,
        noticeId: noticeIds[i] ?? "",
        obligationId: obligationRows[i]?.id ?? "",
        windowEndsAt: obligationRows[i]?.dueAt ?? w.endsAt,
        templateVersion: w.templateVersion,
      })),
    );
    if (customers.length < page) {
      break;
    }
  }
  // Known only now; the throw rolls back every page written.
  if (planned && affected > 0 && planned < windowClosesAt) {
    throw invalid("body.plannedEffectiveAt", subprocessorWords.beforeWindowCloses(windowClosesAt, zone));
  }
  await setAnnouncedWindow(tx, changeId, windowClosesAt, affected);

  await recordEvent(tx, clock, {
    type: "subprocessor_change.announced",
    actor,
    controllerId: null,
    subject,
    data: {
      kind: input.kind,
      subprocessor: { id: sub.id, name: sub.name },
      replaces: replaced ? { id: replaced.id, name: replaced.name } : null,
      plan,
      description: input.description,
      affected,
      windows: [...byVersion].map(([key, customers]) => {
        const [version, days] = key.split(":");
        return { templateVersion: version === "-" ? null : Number(version), days: Number(days), endsAt: endFor(Number(days)).toISOString(), customers };
      }),
      windowClosesAt: windowClosesAt.toISOString(),
      plannedEffectiveAt: planned?.toISOString() ?? null,
    },
  });
  return changeId;
}
