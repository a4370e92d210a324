import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Db } from "../../db/engine.ts";
import type { Clock } from "../../domain/clock.ts";
import type { LocalizedText } from "../../domain/text.ts";
import type { Actor } from "../../http/actor.ts";
import { AppError, invalid } from "../../http/errors.ts";
import { eventActor, recordEvent, SYSTEM_ACTOR, type EventActor } from "../evidence/index.ts";
import { findConfirmation, findCurrentStatement, insertConfirmation, insertFirstStatement, insertStatement, nextStatementVersion } from "./queries.ts";
import { accessWords } from "./words.ts";

// art. 2.3, 9.1: the confidentiality statement staff confirm before they see any customer's data.

const DEFAULT_STATEMENT = new URL("../../../templates/confidentiality.json", import.meta.url);

/** The statement Art28 ships (templates/confidentiality.json), published as version 1 on first use. */
export function loadDefaultStatement(): { text: LocalizedText; note: string } {
  const value: unknown = JSON.parse(readFileSync(DEFAULT_STATEMENT, "utf8"));
  const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const { nl, en, note } = record;
  if (typeof nl !== "string" || typeof en !== "string" || nl.trim() === "" || en.trim() === "") {
    throw new Error(`${DEFAULT_STATEMENT.pathname}: needs "nl" and "en" texts`);
  }
  return { text: { nl, en }, note: typeof note === "string" ? note : "" };
}

export interface StatementInput {
  text: LocalizedText;
  note?: string | null | undefined;
}

/** The SHA-256 the evidence names: over both texts, each prefixed by its language. */
export function statementHash(text: LocalizedText): string {
  return createHash("sha256").update(`nl\n${text.nl}\nen\n${text.en}`).digest("hex");
}

/**
 * Publishes a new version of the statement (admin): from now on every staff user must confirm it
 * before they see customer data again. Evidence on the processor's stream.
 */
export async function publishStatement(tx: Db, clock: Clock, by: EventActor, input: StatementInput) {
  for (const locale of ["nl", "en"] as const) {
    if (input.text[locale].trim() === "") {
      throw invalid(`body.text.${locale}`, accessWords.textBlank);
    }
  }
  const version = await nextStatementVersion(tx);
  const sha256 = statementHash(input.text);
  const row = await insertStatement(tx, {
    version,
    textNl: input.text.nl,
    textEn: input.text.en,
    sha256,
    note: input.note?.trim() || null,
    publishedAt: clock.now(),
    publishedBy: by.label,
  });
  await recordEvent(tx, clock, {
    type: "confidentiality.statement_published",
    actor: by,
    controllerId: null,
    subject: { type: "confidentiality_statement", id: row.id },
    data: { version, sha256 },
  });
  return row;
}

/**
 * The current statement; the shipped one is published as version 1 when none is yet (a new
 * installation, or one from before this module). Two first requests at once publish it once.
 */
export async function currentStatement(tx: Db, clock: Clock) {
  const current = await findCurrentStatement(tx);
  if (current) {
    return current;
  }
  const shipped = loadDefaultStatement();
  const sha256 = statementHash(shipped.text);
  const id = await insertFirstStatement(tx, {
    textNl: shipped.text.nl,
    textEn: shipped.text.en,
    sha256,
    note: shipped.note || null,
    publishedAt: clock.now(),
    publishedBy: SYSTEM_ACTOR.label,
  });
  if (id) {
    await recordEvent(tx, clock, {
      type: "confidentiality.statement_published",
      actor: SYSTEM_ACTOR,
      controllerId: null,
      subject: { type: "confidentiality_statement", id },
      data: { version: 1, sha256 },
    });
  }
  const published = await findCurrentStatement(tx);
  if (!published) {
    throw new Error("the confidentiality statement was neither found nor published");
  }
  return published;
}

/**
 * A staff user confirms the version they read. It must be the current one (a version published
 * while they read is refused with 409, naming body.version); confirming again changes nothing.
 */
export async function confirmStatement(tx: Db, clock: Clock, actor: Actor, version: number) {
  const current = await findCurrentStatement(tx);
  if (!current) {
    throw new AppError("conflict", accessWords.noStatement);
  }
  if (current.version !== version) {
    const message = accessWords.notCurrentVersion(current.version);
    throw new AppError("conflict", { nl: `body.version: ${message.nl}`, en: `body.version: ${message.en}` }, [{ field: "body.version", message }]);
  }
  const inserted = await insertConfirmation(tx, { userId: actor.userId, statementId: current.id, confirmedAt: clock.now() });
  if (inserted) {
    await recordEvent(tx, clock, {
      type: "confidentiality.confirmed",
      actor: eventActor(actor),
      controllerId: null,
      subject: { type: "confidentiality_statement", id: current.id },
      data: { userId: actor.userId, staffRole: actor.staffRole, version: current.version, sha256: current.sha256 },
    });
    return { version: current.version, confirmedAt: inserted.confirmedAt };
  }
  const existing = await findConfirmation(tx, actor.userId, current.id);
  return { version: current.version, confirmedAt: existing?.confirmedAt ?? clock.now() };
}
