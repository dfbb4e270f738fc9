import fc from "fast-check";
import { excelSerialToDate, dateToExcelSerial, mapHeaders, overlap, overlapHours, parseAssumptions, readRow, resolveZone, toHourOfDay } from "../../../src/model";
import { parseCli } from "../../../src/cli/main";

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

// Zones as buyers type them: IANA names, countries, IANA city names (accents optional), UTC/GMT
// offsets and common abbreviations. An offset is a fixed clock, never an Etc zone with DST rules.
describe("zone text as buyers type it", () => {
  test.each([
    ["Kolkata", "Asia/Kolkata"],
    ["kolkata", "Asia/Kolkata"],
    ["Calcutta", "Asia/Kolkata"],
    ["New York", "America/New_York"],
    ["São Paulo", "America/Sao_Paulo"],
    ["Sao Paulo", "America/Sao_Paulo"],
    ["Buenos Aires", "America/Argentina/Buenos_Aires"],
    ["Ho Chi Minh", "Asia/Ho_Chi_Minh"],
    ["Zürich", "Europe/Zurich"],
    ["america/new york", "America/New_York"],
    ["Bangalore", "Asia/Kolkata"],
    ["Kraków", "Europe/Warsaw"],
  ])("the city %s resolves to %s", (text, zone) => {
    expect(resolveZone(text)).toEqual({ ok: true, value: zone });
  });
  test.each([
    ["UTC+5:30", "UTC+05:30"],
    ["UTC+05:30", "UTC+05:30"],
    ["utc +0530", "UTC+05:30"],
    ["GMT-3", "UTC-03:00"],
    ["GMT−3", "UTC-03:00"],
    ["UTC+5.75", "UTC+05:45"],
    ["+08:00", "UTC+08:00"],
    ["UTC+14", "UTC+14:00"],
    ["UTC-12:00", "UTC-12:00"],
    ["GMT+0", "UTC"],
    ["UTC", "UTC"],
  ])("the offset %s is the fixed clock %s", (text, zone) => {
    expect(resolveZone(text)).toEqual({ ok: true, value: zone });
  });
  test.each(["UTC+15", "UTC-13", "UTC+5:60", "GMT+", "UTC+5:3"])("the offset %s is an error saying what is accepted", (text) => {
    const r = resolveZone(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain(`'${text}'`);
      expect(r.error.message).toMatch(/UTC-12:00 to UTC\+14:00/);
    }
  });
  test("a fixed offset keeps its clock all year, unlike the zone of the same winter offset", () => {
    // New York is UTC-5 in January and UTC-4 in July; UTC-5 stays UTC-5.
    expect(overlap("UTC-5", "America/New_York", jan)).toEqual({ ok: true, value: 8 });
    expect(overlap("UTC-5", "America/New_York", jul)).toEqual({ ok: true, value: 7 });
    expect(overlap("UTC+5:30", "Europe/London", jan)).toEqual({ ok: true, value: 2.5 });
    expect(overlap("UTC+5:30", "Asia/Kolkata", jul)).toEqual({ ok: true, value: 8 });
  });
  test.each([
    ["EST", "America/New_York"],
    ["EDT", "America/New_York"],
    ["est", "America/New_York"],
    ["CDT", "America/Chicago"],
    ["MST", "America/Denver"],
    ["PDT", "America/Los_Angeles"],
    ["CET", "Europe/Brussels"],
    ["CEST", "Europe/Brussels"],
    ["EET", "Europe/Athens"],
    ["WET", "Europe/Lisbon"],
    ["JST", "Asia/Tokyo"],
    ["SGT", "Asia/Singapore"],
    ["AEST", "Australia/Sydney"],
  ])("the abbreviation %s is the region's zone %s, daylight saving included", (text, zone) => {
    expect(resolveZone(text)).toEqual({ ok: true, value: zone });
  });
  test("EST follows US Eastern time through the summer, as buyers mean it", () => {
    expect(overlap("EST", "America/New_York", jul)).toEqual({ ok: true, value: 8 });
  });
  test.each([
    ["IST", ["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"]],
    ["BST", ["Europe/London", "Asia/Dhaka"]],
    ["CST", ["America/Chicago", "Asia/Shanghai", "America/Havana"]],
    ["PST", ["America/Los_Angeles", "Asia/Manila"]],
  ])("the ambiguous abbreviation %s is an error naming the candidates", (text, candidates) => {
    const r = resolveZone(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe("zone");
      expect(r.error.message).toContain(`'${text}'`);
      for (const zone of candidates) expect(r.error.message).toContain(zone);
    }
  });
  test("an unknown text names what was typed and every accepted form", () => {
    const r = resolveZone("Atlantis");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain("'Atlantis'");
      for (const form of ["Asia/Kolkata", "India", "Kolkata", "UTC+5:30", "CET"]) expect(r.error.message).toContain(form);
    }
  });
  test("a resolved zone resolves to itself, so a written-back value reads the same", () => {
    for (const text of ["Kolkata", "UTC+5:30", "GMT-3", "EST", "CET", "Bangalore", "India"]) {
      const once = resolveZone(text);
      expect(once.ok).toBe(true);
      if (once.ok) expect(resolveZone(once.value)).toEqual(once);
    }
  });
  test("every front end reads zone text through the same rule", () => {
    // Buyer time zone on the assumptions sheet (the pane and the functions read it).
    const a = parseAssumptions([["Buyer time zone", "UTC+5:30"], ["Reference date", "2026-01-15"]]);
    expect(a.ok && a.value.buyerTimeZone).toBe("UTC+05:30");
    const ambiguous = parseAssumptions([["Buyer time zone", "IST"]]);
    expect(!ambiguous.ok && ambiguous.error.message).toContain("Europe/Dublin");
    // A vendor row's Time zone.
    const row = readRow(["Acme", 40, 1000, "Kolkata"], mapHeaders(["Vendor", "Hourly rate", "Hours", "Time zone"]));
    expect(row?.ok && row.value.timeZone).toBe("Asia/Kolkata");
    // The command line's --buyer-zone.
    const cli = parseCli(["--buyer-zone", "GMT-3"]);
    expect(cli !== "help" && cli.buyerTimeZone).toBe("UTC-03:00");
    expect(() => parseCli(["--buyer-zone", "IST"])).toThrow(/Asia\/Kolkata.*Europe\/Dublin.*Asia\/Jerusalem/);
  });
});

describe("overlap uses each day's own offset", () => {
  test("Port Moresby against Vancouver on 8 March 2026: Vancouver's Saturday, before its clocks move, shares 2 h", () => {
    // Port Moresby 9-17 on 8 March is 23:00 on the 7th to 07:00 UTC. Vancouver's 7 March is
    // still on PST (UTC-8): 17:00 to 01:00 UTC, 2 h shared. With 8 March's PDT it would be 1 h.
    expect(overlapHours("Pacific/Port_Moresby", "America/Vancouver", { year: 2026, month: 3, day: 8 })).toBe(2);
  });
  test("the other side's previous day is found however far apart the clocks are", () => {
    // Kiritimati (UTC+14) 0:00-8:00 on 15 Jan is 10:00-18:00 UTC on the 14th; Honolulu (UTC-10)
    // 20:00-04:00 starting on the 13th is 06:00-14:00 UTC on the 14th: 4 h shared.
    expect(overlapHours("Pacific/Kiritimati", "Pacific/Honolulu", jan, [0, 8], [20, 4])).toBe(4);
  });
});

// An independent implementation of the overlap rule, to compare the model with over random zone
// pairs and dates. It shares no code with the model: each zone's offset history around the date
// is found by sampling Intl every three hours and bisecting each change to the minute, and a
// wall-clock time is solved on each constant-offset piece. The rule it implements: each side's
// window on its own calendar day becomes a UTC interval (a time repeated when clocks go back
// is its first occurrence; a time skipped when they go forward is read with the offset from
// before the change); the first side's window on the date is intersected with the second
// side's windows on every day near it, and the sum is capped at the shorter nominal window.
describe("overlap agrees with an independent implementation over random zones and dates", () => {
  const MINUTE = 60_000;
  const HOUR = 3_600_000;
  const DAY = 86_400_000;
  const formats = new Map<string, Intl.DateTimeFormat>();

  function offsetAt(zone: string, t: number): number {
    const fixed = /^UTC([+-])(\d\d):(\d\d)$/.exec(zone);
    if (fixed) return (fixed[1] === "-" ? -1 : 1) * (Number(fixed[2]) * HOUR + Number(fixed[3]) * MINUTE);
    if (zone === "UTC") return 0;
    let f = formats.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
      formats.set(zone, f);
    }
    const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - t;
  }

  interface Piece { start: number; end: number; offset: number }
  function pieces(zone: string, from: number, to: number): Piece[] {
    const out: Piece[] = [];
    let start = from;
    let offset = offsetAt(zone, from);
    for (let t = from; t < to; t += 3 * HOUR) {
      const next = offsetAt(zone, t + 3 * HOUR);
      if (next === offset) continue;
      let lo = t;
      let hi = t + 3 * HOUR;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (offsetAt(zone, mid) === offset) lo = mid;
        else hi = mid;
      }
      out.push({ start, end: hi, offset });
      start = hi;
      offset = next;
    }
    out.push({ start, end: Infinity, offset });
    return out;
  }

  function wallToInstant(zone: string, wall: number): number {
    const ps = pieces(zone, wall - 16 * HOUR, wall + 16 * HOUR);
    const solutions = ps.map((p) => wall - p.offset).filter((t, i) => t >= ps[i].start && t < ps[i].end);
    if (solutions.length > 0) return Math.min(...solutions);
    // Skipped: the change whose piece before ends before its solution and whose piece after
    // starts after its own; the offset from before the change applies.
    const before = ps.findIndex((p, i) => i + 1 < ps.length && wall - p.offset >= p.end && wall - ps[i + 1].offset < ps[i + 1].start);
    return wall - ps[before].offset;
  }

  function independentOverlap(zoneA: string, zoneB: string, date: { year: number; month: number; day: number }, wa: [number, number], wb: [number, number]): number {
    const length = (w: [number, number]) => (w[1] <= w[0] ? w[1] + 24 - w[0] : w[1] - w[0]);
    const interval = (zone: string, k: number, w: [number, number]): [number, number] => {
      const midnight = Date.UTC(date.year, date.month - 1, date.day + k);
      return [wallToInstant(zone, midnight + w[0] * HOUR), wallToInstant(zone, midnight + (w[0] + length(w)) * HOUR)];
    };
    const [a0, a1] = interval(zoneA, 0, wa);
    let shared = 0;
    for (let k = -3; k <= 3; k++) {
      const [b0, b1] = interval(zoneB, k, wb);
      shared += Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
    }
    return Math.min(shared / HOUR, length(wa), length(wb));
  }

  // Every canonical IANA zone the platform knows, and fixed offsets.
  const ianaZones = Intl.supportedValuesOf("timeZone");
  const zoneArb = fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...ianaZones) },
    { weight: 1, arbitrary: fc.constantFrom("UTC+05:30", "UTC-03:00", "UTC+14:00", "UTC-12:00", "UTC+05:45", "UTC") },
  );
  // Half the dates are days next to one of the zones' own clock changes.
  function changesNear(zone: string, year: number): number[] {
    const days: number[] = [];
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 7 * DAY) {
      if (offsetAt(zone, t) === offsetAt(zone, t + 7 * DAY)) continue;
      let lo = t;
      let hi = t + 7 * DAY;
      while (hi - lo > DAY) {
        const mid = lo + Math.floor((hi - lo) / 2 / DAY) * DAY;
        if (offsetAt(zone, mid) === offsetAt(zone, lo)) lo = mid;
        else hi = mid;
      }
      days.push(lo);
    }
    return days;
  }
  const hourArb = fc.integer({ min: 0, max: 96 }).map((q) => q / 4);
  const windowArb = fc.oneof(
    { weight: 1, arbitrary: fc.constant<[number, number]>([9, 17]) },
    { weight: 2, arbitrary: fc.tuple(hourArb, hourArb) },
  );

  test("on random days and days beside clock changes, for random windows", () => {
    let besideChanges = 0;
    fc.assert(
      fc.property(zoneArb, zoneArb, fc.integer({ min: 1990, max: 2037 }), fc.integer({ min: 0, max: 364 }), fc.boolean(), fc.integer({ min: -2, max: 2 }), windowArb, windowArb,
        (zoneA, zoneB, year, dayOfYear, nearChange, shift, wa, wb) => {
          let t = Date.UTC(year, 0, 1 + dayOfYear);
          if (nearChange) {
            const changes = [...changesNear(zoneA, year), ...changesNear(zoneB, year)];
            if (changes.length > 0) {
              t = changes[dayOfYear % changes.length] + shift * DAY;
              besideChanges++;
            }
          }
          const d = new Date(t);
          const date = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
          expect(overlapHours(zoneA, zoneB, date, wa, wb)).toBeCloseTo(independentOverlap(zoneA, zoneB, date, wa, wb), 9);
        }),
      { numRuns: 2000 },
    );
    expect(besideChanges).toBeGreaterThan(300);
  });

  test("the issue's case and its neighbours agree", () => {
    for (let day = 6; day <= 10; day++) {
      const date = { year: 2026, month: 3, day };
      expect(overlapHours("Pacific/Port_Moresby", "America/Vancouver", date)).toBe(independentOverlap("Pacific/Port_Moresby", "America/Vancouver", date, [9, 17], [9, 17]));
      expect(overlapHours("America/Vancouver", "Pacific/Port_Moresby", date)).toBe(independentOverlap("America/Vancouver", "Pacific/Port_Moresby", date, [9, 17], [9, 17]));
    }
  });
});
