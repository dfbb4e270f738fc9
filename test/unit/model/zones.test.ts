import { excelSerialToDate, dateToExcelSerial, overlap, overlapHours, resolveZone, toHourOfDay } from "../../../src/model";

const jan = { year: 2026, month: 1, day: 15 };
const jul = { year: 2026, month: 7, day: 15 };

describe("working-hours overlap follows the IANA rules (DOMAIN section 3 examples)", () => {
  test("New York and Bangalore share no working hours", () => {
    expect(overlapHours("America/New_York", "Asia/Kolkata", jan)).toBe(0);
  });
  test("New York and Krakow share 2 h in January", () => {
    expect(overlapHours("America/New_York", "Europe/Warsaw", jan)).toBe(2);
  });
  test("New York and Krakow share 3 h on 20 March 2026, when only the US is on daylight time", () => {
    expect(overlapHours("America/New_York", "Europe/Warsaw", { year: 2026, month: 3, day: 20 })).toBe(3);
  });
  test("New York and Mexico City share 7 h in January and 6 h in July", () => {
    expect(overlapHours("America/New_York", "America/Mexico_City", jan)).toBe(7);
    expect(overlapHours("America/New_York", "America/Mexico_City", jul)).toBe(6);
  });
  test("the same zone shares the whole shorter window", () => {
    expect(overlapHours("Europe/Paris", "Europe/Paris", jan, [9, 17], [10, 12])).toBe(2);
  });
});

describe("windows", () => {
  test("a window ending after midnight overlaps the other side's next morning", () => {
    // Kolkata 22:00-06:00 is 16:30-00:30 UTC; New York 9-17 is 14:00-22:00 UTC: 5.5 h shared.
    expect(overlapHours("America/New_York", "Asia/Kolkata", jan, [9, 17], [22, 6])).toBe(5.5);
  });
  test("overlap is the same whichever side comes first", () => {
    expect(overlapHours("Asia/Kolkata", "America/New_York", jan, [22, 6], [9, 17])).toBe(5.5);
  });
  test("half-hour zones give half hours", () => {
    expect(overlapHours("Europe/London", "Asia/Kolkata", jan)).toBe(2.5);
  });
  test("an invalid zone or window gives NaN from overlapHours and a message from overlap", () => {
    expect(overlapHours("Mars/Base", "Asia/Kolkata", jan)).toBeNaN();
    expect(overlapHours("Asia/Kolkata", "Asia/Kolkata", jan, [9, 25])).toBeNaN();
    const r = overlap("Mars/Base", "India", jan);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain("Mars/Base");
  });
  test("overlap resolves country names and codes", () => {
    expect(overlap("US/Eastern", "India", jan)).toEqual({ ok: true, value: 0 });
    expect(overlap("America/New_York", "PL", jan)).toEqual({ ok: true, value: 2 });
  });
});

describe("zone text", () => {
  test("an IANA name in any case resolves to its proper spelling", () => {
    expect(resolveZone("asia/kolkata")).toEqual({ ok: true, value: "Asia/Kolkata" });
  });
  test("a one-zone country resolves by ISO code or English name", () => {
    expect(resolveZone("IN")).toEqual({ ok: true, value: "Asia/Kolkata" });
    expect(resolveZone("poland")).toEqual({ ok: true, value: "Europe/Warsaw" });
  });
  test("a country whose zones keep one clock resolves to its own zone, not a neighbour's or an old alias", () => {
    expect(resolveZone("Germany")).toEqual({ ok: true, value: "Europe/Berlin" });
    expect(resolveZone("Vietnam")).toEqual({ ok: true, value: "Asia/Ho_Chi_Minh" });
    expect(resolveZone("India")).toEqual({ ok: true, value: "Asia/Kolkata" });
  });
  test("common short names resolve: UK, USA is multi-zone", () => {
    expect(resolveZone("UK")).toEqual({ ok: true, value: "Europe/London" });
    expect(resolveZone("USA").ok).toBe(false);
  });
  test.each(["United States", "Brazil", "Mexico", "Canada", "Australia", "Russia"])("%s spans several zones: an error naming candidates", (country) => {
    const r = resolveZone(country);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe("zone");
      expect(r.error.message).toMatch(/spans several time zones; give the Time zone, one of [A-Z][a-z]+\//);
    }
  });
  test("unknown text is an error naming it", () => {
    const r = resolveZone("Atlantis");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain("'Atlantis'");
  });
});

describe("Excel dates and times", () => {
  test("Excel serial 46037 is 15 January 2026 and converts back", () => {
    expect(excelSerialToDate(46037)).toEqual(jan);
    expect(dateToExcelSerial(jan)).toBe(46037);
  });
  test("the time part of a serial is ignored", () => {
    expect(excelSerialToDate(46037.75)).toEqual(jan);
  });
  test("hour numbers stay, Excel times become hours", () => {
    expect(toHourOfDay(9)).toBe(9);
    expect(toHourOfDay(0.375)).toBe(9);
    expect(toHourOfDay(17.5)).toBe(17.5);
    expect(toHourOfDay(0)).toBe(0);
  });
});
