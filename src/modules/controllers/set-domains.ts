import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import { displayDomain, normaliseDomainList } from "../../domain/domain-name.ts";
import { invalidFields } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { findControllerDomains, replaceControllerDomains } from "./queries.ts";

/** A stored domain name with its form for people. */
export function domainOut(domain: string) {
  return { domain, display: displayDomain(domain) };
}

/**
 * art. 8.1: replaces the domain names a customer uses (its websites and e-mail), by which a data
 * subject's request that reaches the processor finds it. Each is normalised (domain/domain-name.ts);
 * one that cannot be a domain name → 400 naming `body.domains.<index>`, and nothing changes. A change
 * is evidence in the customer's chain (what was added and removed); the same list again writes none.
 */
export async function setControllerDomains(tx: Db, clock: Clock, actor: EventActor, controllerId: string, typed: readonly string[]) {
  const { domains, problems } = normaliseDomainList(typed);
  if (problems.length > 0) {
    throw invalidFields(problems.map((p) => ({ field: `body.domains.${p.index}`, message: p.message })));
  }
  const before = await findControllerDomains(tx, controllerId);
  const added = domains.filter((d) => !before.includes(d));
  const removed = before.filter((d) => !domains.includes(d));
  if (added.length > 0 || removed.length > 0) {
    await replaceControllerDomains(tx, controllerId, domains);
    await recordEvent(tx, clock, {
      type: "controller.domains_changed",
      actor,
      controllerId,
      subject: { type: "controller", id: controllerId },
      data: { added, removed, domains },
    });
  }
  return domains;
}
