import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Temporal } from "temporal-polyfill";
import { dueAt, endOfWorkingDays } from "./legal-time.ts";
import { addWorkingDays, DUTCH_TERM_HOLIDAYS, easterSunday, holidayDate, holidaysOf, isWorkingDay } from "./working-days.ts";

const AMS = "Europe/Amsterdam";
const day = (iso: string) => Temporal.PlainDate.from(iso);

describe("Easter and the holidays of the Algemene termijnenwet (art. 3)", () => {
  test("Easter Sunday, from the algorithm, against the published dates (incl. March Easters and the extremes)", () => {
    const known: [number, string][] = [
      [1818, "1818-03-22"], // the earliest possible
      [1943, "1943-04-25"], // the latest possible
      [2008, "2008-03-23"],
      [2016, "2016-03-27"],
      [2019, "2019-04-21"],
      [2024, "2024-03-31"],
      [2025, "2025-04-20"],
      [2026, "2026-04-05"],
      [2027, "2027-03-28"],
      [2028, "2028-04-16"],
      [2029, "2029-04-01"],
      [2030, "2030-04-21"],
      [2038, "2038-04-25"],
      [2285, "2285-03-22"],
    ];
    for (const [year, date] of known) {
      assert.equal(easterSunday(year).toString(), date, String(year));
    }
    assert.throws(() => easterSunday(1500), RangeError);
  });

  test("each year's holidays, Koningsdag on 26 April when 27 April is a Sunday, Goede Vrijdag not one", () => {
    assert.deepEqual(
      holidaysOf(2026).map((h) => `${h.date} ${h.code}`),
      [
        "2026-01-01 new_years_day",
        "2026-04-06 easter_monday",
        "2026-04-27 kings_day",
        "2026-05-05 liberation_day",
        "2026-05-14 ascension_day",
        "2026-05-25 whit_monday",
        "2026-12-25 christmas_day",
        "2026-12-26 boxing_day",
      ],
    );
    // 27 April 2025 and 2031 are Sundays: Koningsdag is the Saturday before.
    assert.equal(holidayDate("kings_day", 2025).toString(), "2025-04-26");
    assert.equal(holidayDate("kings_day", 2031).toString(), "2031-04-26");
    assert.equal(holidayDate("kings_day", 2030).toString(), "2030-04-27");
    // 2027: Easter in March, so Tweede Paasdag on 29 March and Hemelvaart on 6 May.
    assert.equal(holidayDate("easter_monday", 2027).toString(), "2027-03-29");
    assert.equal(holidayDate("ascension_day", 2027).toString(), "2027-05-06");
    assert.equal(holidayDate("whit_monday", 2027).toString(), "2027-05-17");
    assert.ok(isWorkingDay(day("2026-04-03")), "Goede Vrijdag counts as a working day");
    assert.ok(!isWorkingDay(day("2026-04-03"), [...DUTCH_TERM_HOLIDAYS, "good_friday"]), "unless the template lists it");
    assert.ok(!isWorkingDay(day("2026-04-06")));
    assert.ok(!isWorkingDay(day("2026-05-05")), "5 mei, every year");
    assert.ok(!isWorkingDay(day("2026-06-06")), "a Saturday");
    assert.ok(isWorkingDay(day("2026-06-08")));
  });
});

describe("N working days: the end of the Nth working day after the trigger's local day", () => {
  // [trigger instant, working days, due instant, why]
  const cases: [string, number, string, string][] = [
    ["2026-06-03T10:00:00Z", 2, "2026-06-05T21:59:59.999Z", "Wednesday → Friday, summer time"],
    ["2026-06-04T10:00:00Z", 2, "2026-06-08T21:59:59.999Z", "Thursday → over the weekend to Monday"],
    ["2026-06-06T10:00:00Z", 2, "2026-06-09T21:59:59.999Z", "a Saturday: Monday is the first, Tuesday the second"],
    ["2026-06-05T22:30:00Z", 2, "2026-06-09T21:59:59.999Z", "00:30 on Saturday in Amsterdam is Saturday, though Friday in UTC"],
    ["2026-04-02T09:00:00Z", 2, "2026-04-07T21:59:59.999Z", "Goede Vrijdag counts, Tweede Paasdag does not"],
    ["2027-03-26T09:00:00Z", 2, "2027-03-31T21:59:59.999Z", "an Easter in March, across the start of summer time (28 March 2027)"],
    ["2026-04-24T10:00:00Z", 2, "2026-04-29T21:59:59.999Z", "Friday 24 April: Monday 27 April is Koningsdag"],
    ["2026-05-04T10:00:00Z", 1, "2026-05-06T21:59:59.999Z", "5 mei (a Tuesday) does not count"],
    ["2026-05-13T10:00:00Z", 2, "2026-05-18T21:59:59.999Z", "Hemelvaartsdag (Thursday 14 May)"],
    ["2026-05-22T10:00:00Z", 1, "2026-05-26T21:59:59.999Z", "Tweede Pinksterdag (Monday 25 May)"],
    ["2026-12-23T10:00:00Z", 2, "2026-12-28T22:59:59.999Z", "the Christmas days, in winter time"],
    ["2026-12-31T10:00:00Z", 2, "2027-01-05T22:59:59.999Z", "the turn of the year: Nieuwjaarsdag on a Friday"],
    ["2026-10-23T10:00:00Z", 2, "2026-10-27T22:59:59.999Z", "across the end of summer time (25 October 2026)"],
    ["2026-06-03T10:00:00Z", 0, "2026-06-03T21:59:59.999Z", "0 working days: the end of the trigger's own day"],
  ];
  for (const [trigger, days, due, why] of cases) {
    test(`${why}: ${trigger} + ${days} working days = ${due}`, () => {
      assert.equal(endOfWorkingDays(new Date(trigger), days, AMS).toISOString(), due);
      assert.equal(dueAt(new Date(trigger), { unit: "workingDays", amount: days }, AMS).toISOString(), due);
    });
  }

  test("the holiday list is the template's: without holidays, only weekends are skipped", () => {
    assert.equal(endOfWorkingDays(new Date("2026-04-02T09:00:00Z"), 2, AMS, []).toISOString(), "2026-04-06T21:59:59.999Z");
    assert.equal(dueAt(new Date("2026-04-02T09:00:00Z"), { unit: "workingDays", amount: 2, holidays: [] }, AMS).toISOString(), "2026-04-06T21:59:59.999Z");
  });

  test("every day of ten years: N working days later is a working day, and exactly N working days lie between", () => {
    for (let date = day("2025-01-01"); Temporal.PlainDate.compare(date, day("2034-12-31")) <= 0; date = date.add({ days: 1 })) {
      const end = addWorkingDays(date, 2);
      assert.ok(isWorkingDay(end), end.toString());
      let between = 0;
      for (let d = date.add({ days: 1 }); Temporal.PlainDate.compare(d, end) <= 0; d = d.add({ days: 1 })) {
        between += isWorkingDay(d) ? 1 : 0;
      }
      assert.equal(between, 2, date.toString());
    }
  });

  test("bad counts are refused", () => {
    assert.throws(() => endOfWorkingDays(new Date("2026-06-03T10:00:00Z"), -1, AMS), RangeError);
    assert.throws(() => endOfWorkingDays(new Date("2026-06-03T10:00:00Z"), 1.5, AMS), RangeError);
    assert.throws(() => addWorkingDays(day("2026-06-03"), 100_000), RangeError);
  });
});
