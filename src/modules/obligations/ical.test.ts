import { test } from "node:test";
import assert from "node:assert/strict";
import ICAL from "ical.js";
import { endOfCalendarDays, reminderInstants } from "../../domain/legal-time.ts";
import { DEFAULT_PRODUCT_ID, buildCalendar, type CalendarDeadline, type CalendarInput } from "./ical.ts";

const ZONE = "Europe/Amsterdam";

function deadline(overrides: Partial<CalendarDeadline> = {}): CalendarDeadline {
  return {
    id: "0b9a3c9e-1111-4a2b-8c3d-123456789abc",
    title: { nl: "Informatie over maatregelen geven", en: "Provide information on measures" },
    dueAt: new Date("2026-05-01T10:00:00Z"),
    openedAt: new Date("2026-04-17T10:00:00Z"),
    reminders: [new Date("2026-04-24T10:00:00Z"), new Date("2026-04-28T10:00:00Z")],
    status: "open",
    customerName: null,
    url: "http://127.0.0.1:3000/obligations/0b9a3c9e-1111-4a2b-8c3d-123456789abc",
    ...overrides,
  };
}

function input(overrides: Partial<CalendarInput> = {}): CalendarInput {
  return { name: "Art28 deadlines", locale: "en", zone: ZONE, deadlines: [deadline()], ...overrides };
}

/** Parse with a third-party reader (ical.js), as a calendar app would. */
function parse(text: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(text));
}

function events(text: string): ICAL.Component[] {
  return parse(text).getAllSubcomponents("vevent");
}

function time(component: ICAL.Component, name: string): ICAL.Time {
  const value = component.getFirstPropertyValue(name);
  assert.ok(value instanceof ICAL.Time, `${name} is a date-time`);
  return value;
}

/** RFC 5545 §3.3.11 TEXT unescaping, for the properties ical.js leaves raw. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

function only<T>(items: T[]): T {
  assert.equal(items.length, 1);
  const [item] = items;
  assert.ok(item !== undefined);
  return item;
}

test("one event per deadline: UID, a zero-length instant at the due time in UTC, DTSTAMP from opening", () => {
  const event = only(events(buildCalendar(input())));
  assert.equal(event.getFirstPropertyValue("uid"), "0b9a3c9e-1111-4a2b-8c3d-123456789abc@art28");
  const start = time(event, "dtstart");
  assert.equal(start.zone, ICAL.Timezone.utcTimezone);
  assert.equal(start.toString(), "2026-05-01T10:00:00Z");
  assert.equal(start.toJSDate().toISOString(), "2026-05-01T10:00:00.000Z");
  // No DTEND: RFC 5545 reads DTSTART alone as an instant (a DTEND equal to it would be invalid).
  assert.equal(event.getFirstProperty("dtend"), null);
  assert.equal(new ICAL.Event(event).endDate.compare(start), 0);
  assert.equal(time(event, "dtstamp").toString(), "2026-04-17T10:00:00Z");
  assert.equal(event.getFirstPropertyValue("url"), deadline().url);
  assert.equal(event.getFirstPropertyValue("status"), null);
});

test("summary in the user's language, with the customer's name in front when there is one", () => {
  const deadlines = [deadline(), deadline({ id: "second", customerName: "Bakkerij de Vries BV", dueAt: new Date("2026-06-01T10:00:00Z") })];
  const summaries = (locale: "nl" | "en") => events(buildCalendar(input({ locale, deadlines }))).map((e) => e.getFirstPropertyValue("summary"));
  assert.deepEqual(summaries("en"), ["Provide information on measures", "Bakkerij de Vries BV: Provide information on measures"]);
  assert.deepEqual(summaries("nl"), ["Informatie over maatregelen geven", "Bakkerij de Vries BV: Informatie over maatregelen geven"]);
});

test("description: the due instant in the processor's zone with its offset, the status and the link", () => {
  const en = only(events(buildCalendar(input())));
  assert.equal(en.getFirstPropertyValue("description"), `Due: 1 May 2026 12:00 (UTC+02:00)\nStatus: open\n${deadline().url}`);
  const nl = only(events(buildCalendar(input({ locale: "nl", deadlines: [deadline({ status: "met" })] }))));
  assert.equal(nl.getFirstPropertyValue("description"), `Uiterlijk: 01-05-2026 12:00 (UTC+02:00)\nStatus: voldaan\n${deadline().url}`);
});

test("alarms: a display alarm at each reminder, as an absolute UTC trigger, while the deadline is open", () => {
  const event = only(events(buildCalendar(input())));
  const alarms = event.getAllSubcomponents("valarm");
  assert.deepEqual(
    alarms.map((a) => a.getFirstPropertyValue("action")),
    ["DISPLAY", "DISPLAY"],
  );
  assert.deepEqual(
    alarms.map((a) => time(a, "trigger").toString()),
    ["2026-04-24T10:00:00Z", "2026-04-28T10:00:00Z"],
  );
  assert.deepEqual(
    alarms.map((a) => a.getFirstProperty("trigger")?.type),
    ["date-time", "date-time"],
  );
  assert.equal(alarms[0]?.getFirstPropertyValue("description"), "Provide information on measures");

  for (const status of ["met", "lapsed", "cancelled"] as const) {
    const closed = only(events(buildCalendar(input({ deadlines: [deadline({ status })] }))));
    assert.deepEqual(closed.getAllSubcomponents("valarm"), [], status);
  }
});

test("a cancelled deadline is a cancelled event", () => {
  const event = only(events(buildCalendar(input({ deadlines: [deadline({ status: "cancelled" })] }))));
  assert.equal(event.getFirstPropertyValue("status"), "CANCELLED");
  assert.match(String(event.getFirstPropertyValue("description")), /Status: cancelled/);
});

test("DST: 14 days from 15 March end on 29 March 23:59:59.999 CEST, the first summer day", () => {
  const due = endOfCalendarDays(new Date("2026-03-15T10:00:00Z"), 14, ZONE);
  const opened = new Date("2026-03-15T10:00:00Z");
  const reminders = reminderInstants(opened, due, "calendarDays");
  const text = buildCalendar(input({ deadlines: [deadline({ dueAt: due, openedAt: opened, reminders })] }));
  const event = only(events(text));
  // Whole seconds in iCalendar: .999 is cut, never rounded up past the deadline.
  assert.equal(time(event, "dtstart").toString(), "2026-03-29T21:59:59Z");
  assert.match(String(event.getFirstPropertyValue("description")), /^Due: 29 Mar 2026 23:59 \(UTC\+02:00\)\n/);
  const nl = only(events(buildCalendar(input({ locale: "nl", deadlines: [deadline({ dueAt: due })] }))));
  assert.match(String(nl.getFirstPropertyValue("description")), /^Uiterlijk: 29-03-2026 23:59 \(UTC\+02:00\)\n/);
  assert.deepEqual(
    event.getAllSubcomponents("valarm").map((a) => time(a, "trigger").toJSDate().getTime()),
    reminders.map((r) => Math.floor(r.getTime() / 1000) * 1000),
  );
});

test("commas, semicolons, backslashes and newlines in titles and the calendar name are escaped", () => {
  const title = "Breach 2026-7; notify, then\nfollow up \\ AP";
  const text = buildCalendar(
    input({
      name: "Deadlines; Norisk, staff\nteam",
      deadlines: [deadline({ title: { nl: title, en: title }, customerName: "Jansen, Smit & Co; BV" })],
    }),
  );
  const unfolded = text.replaceAll("\r\n ", "");
  assert.match(unfolded, /SUMMARY:Jansen\\, Smit & Co\\; BV: Breach 2026-7\\; notify\\, then\\nfollow up \\\\ AP\r\n/);
  const calendar = parse(text);
  // ical.js keeps properties it has no type for (NAME, X-WR-CALNAME) raw; apps read them as TEXT.
  for (const name of ["name", "x-wr-calname"]) {
    assert.equal(calendar.getFirstPropertyValue(name), "Deadlines\\; Norisk\\, staff\\nteam");
    assert.equal(unescapeText(String(calendar.getFirstPropertyValue(name))), "Deadlines; Norisk, staff\nteam");
  }
  assert.equal(only(calendar.getAllSubcomponents("vevent")).getFirstPropertyValue("summary"), `Jansen, Smit & Co; BV: ${title}`);
});

test("calendar: name, time zone before the events, product id, CRLF lines folded at 75 octets", () => {
  const long = deadline({ title: { nl: "x", en: "A deadline with a title long enough to be folded across more than one line ".repeat(2) } });
  const text = buildCalendar(input({ deadlines: [long] }));
  const calendar = parse(text);
  assert.equal(calendar.getFirstPropertyValue("x-wr-calname"), "Art28 deadlines");
  assert.equal(calendar.getFirstPropertyValue("x-wr-timezone"), ZONE);
  assert.equal(calendar.getFirstPropertyValue("prodid"), DEFAULT_PRODUCT_ID);
  assert.equal(calendar.getFirstPropertyValue("version"), "2.0");
  assert.ok(text.indexOf("X-WR-TIMEZONE:") < text.indexOf("BEGIN:VEVENT"));
  assert.equal(only(calendar.getAllSubcomponents("vevent")).getFirstPropertyValue("summary"), long.title.en);
  assert.ok(text.endsWith("END:VCALENDAR\r\n"));
  const lines = text.slice(0, -2).split("\r\n");
  assert.ok(lines.every((line) => !line.includes("\n") && Buffer.byteLength(line) <= 75));
  assert.equal(parse(buildCalendar(input({ productId: "-//Norisk//Art28//NL" }))).getFirstPropertyValue("prodid"), "-//Norisk//Art28//NL");
});

test("an empty calendar still carries its name and time zone", () => {
  const calendar = parse(buildCalendar(input({ deadlines: [] })));
  assert.deepEqual(calendar.getAllSubcomponents("vevent"), []);
  assert.equal(calendar.getFirstPropertyValue("x-wr-timezone"), ZONE);
});

test("deterministic: the same deadlines give the same bytes, in whatever order they come", () => {
  const a = deadline();
  const b = deadline({ id: "b", dueAt: new Date("2026-04-20T08:00:00Z"), status: "cancelled" });
  const c = deadline({ id: "c", dueAt: new Date("2026-04-20T08:00:00Z"), customerName: "Acme" });
  const once = buildCalendar(input({ deadlines: [a, b, c] }));
  assert.equal(buildCalendar(input({ deadlines: [a, b, c] })), once);
  assert.equal(buildCalendar(input({ deadlines: [c, a, b] })), once);
  assert.deepEqual(
    events(once).map((e) => e.getFirstPropertyValue("uid")),
    ["b@art28", "c@art28", `${a.id}@art28`],
  );
});

test("an unknown time zone is refused, even for an empty calendar", () => {
  assert.throws(() => buildCalendar(input({ zone: "Europe/Atlantis", deadlines: [] })), RangeError);
});
