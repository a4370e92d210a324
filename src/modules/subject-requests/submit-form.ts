import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import type { SubjectRequestContent, SubjectRight } from "../../db/schema/index.ts";
import type { Clock } from "../../domain/clock.ts";
import { invalid, AppError } from "../../http/errors.ts";
import type { EventActor } from "../evidence/index.ts";
import { queueUserNotice } from "../notices/index.ts";
import { subjectRequestParameters } from "./parameters.ts";
import { countFromNetwork, insertRequest, latestSubjectRequestParameters, spendTicket, subjectOf } from "./queries.ts";
import { contentSha256, requestReference } from "./reference.ts";
import { subjectRequestWords as W } from "./words.ts";

/** A person reads and types: a submission sooner than this after the form was shown is refused. */
export const MIN_FILL_SECONDS = 3;
/** A form shown longer ago than this must be loaded again. */
export const TICKET_HOURS = 2;
/** Requests from one network (IPv4 /24, IPv6 /48) per hour; the per-address limit is the route's. */
export const NETWORK_PER_HOUR = 20;

export interface FormInput {
  ticket: string;
  /** The honeypot: a field hidden from people, which scripts fill in. */
  homepage: string;
  locale: "nl" | "en";
  right: SubjectRight;
  name: string;
  email: string;
  phone?: string;
  organisation: string;
  website?: string;
  message: string;
}

const PUBLIC_ACTOR: EventActor = { kind: "system", id: null, label: "public form" };

/**
 * A data subject writes to the processor through the public form (art. 8.1). The defences, each a
 * 4xx that says why in the visitor's language: the honeypot must be empty; the ticket must have
 * been handed out with the form, at least MIN_FILL_SECONDS and at most TICKET_HOURS ago, and is
 * spent; the network may not have sent NETWORK_PER_HOUR in the last hour (the route limits each
 * address). Nothing reaches staff until the requester confirms its address with the link e-mailed
 * now (valid `confirmHours`, default 24); an unconfirmed submission is removed by the sweep.
 */
export async function submitForm(tx: Db, clock: Clock, input: FormInput, network: string): Promise<{ reference: string; confirmBy: Date }> {
  const now = clock.now();
  if (input.homepage !== "") {
    throw invalid("body.homepage", W.honeypot);
  }
  const spent = await spendTicket(tx, input.ticket, now, new Date(now.getTime() - TICKET_HOURS * 3_600_000), new Date(now.getTime() - MIN_FILL_SECONDS * 1000));
  if (spent === "invalid") {
    throw invalid("body.ticket", W.ticketInvalid);
  }
  if (spent === "too_soon") {
    throw invalid("body.ticket", W.tooFast);
  }
  for (const field of ["name", "organisation", "message"] as const) {
    if (input[field].trim() === "") {
      throw invalid(`body.${field}`, W.required);
    }
  }
  if ((await countFromNetwork(tx, network, new Date(now.getTime() - 3_600_000))) >= NETWORK_PER_HOUR) {
    throw new AppError("rate_limited", W.networkFlood);
  }
  const parameters = subjectRequestParameters(await latestSubjectRequestParameters(tx));
  const content: SubjectRequestContent = {
    name: input.name.trim(),
    email: input.email.trim().toLowerCase(),
    phone: input.phone?.trim() || null,
    organisation: input.organisation.trim(),
    website: input.website?.trim() || null,
    message: input.message.trim(),
  };
  const secret = randomBytes(32).toString("base64url");
  const confirmBy = new Date(now.getTime() + parameters.confirmHours * 3_600_000);
  const inserted = await insertRequest(tx, {
    source: "web_form",
    right: input.right,
    locale: input.locale,
    status: "unconfirmed",
    content,
    contentSha256: contentSha256(content, []),
    receivedAt: now,
    confirmTokenSha256: createHash("sha256").update(secret).digest("hex"),
    confirmExpiresAt: confirmBy,
    network,
    updatedAt: now,
  });
  const reference = requestReference(inserted.number, now);
  await queueUserNotice(tx, clock, PUBLIC_ACTOR, {
    user: { email: content.email ?? "", name: content.name, locale: input.locale, kind: "customer", controllerId: null },
    role: "data_subject",
    subject: subjectOf(inserted.id),
    data: { kind: "subject_request_confirmation", reference, right: input.right, secret, expiresAt: confirmBy.toISOString() },
  });
  return { reference, confirmBy };
}
