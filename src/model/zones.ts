// Time zones and working-hours overlap. The zone rules come from the platform (Intl, the
// IANA database it ships); country-to-zone data from countries-and-timezones. Offsets are
// cached by (zone, instant) and overlaps by their full key because a table of 100,000 rows
// uses a handful of zones and one date.
import { getAllCountries, getAllTimezones, getCountry } from "countries-and-timezones";
import type { Result } from "./types";
import { quotedText } from "./values";

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** Excel serial of 1970-01-01 (1900 date system). */
const EXCEL_UNIX_EPOCH = 25569;

function zoneError(message: string, value: unknown): Result<never> {
  return { ok: false, error: { kind: "zone", field: "Time zone", value, message } };
}

// ---- Resolving zone text -------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The per-zone formatter, or undefined when the platform does not know the zone. */
function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      return undefined;
    }
    formatters.set(zone, f);
  }
  return f;
}

// A fixed offset is its own clock, "UTC+05:30": no daylight saving, and not an Etc zone
// (those exist for whole hours only, with the sign inverted: Etc/GMT-5 is UTC+5).
const FIXED = /^UTC([+-])(\d\d):(\d\d)$/;
const fixedOffsets = new Map<string, number>();

/** Minutes ahead of UTC of a fixed-offset zone ("UTC+05:30"), or undefined for any other zone. */
function fixedOffset(zone: string): number | undefined {
  let minutes = fixedOffsets.get(zone);
  if (minutes === undefined) {
    const m = FIXED.exec(zone);
    if (m === null) return undefined;
    minutes = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
    fixedOffsets.set(zone, minutes);
  }
  return minutes;
}

/** Whether the model can compute with this resolved zone: a fixed offset or a zone the platform knows. */
function knownZone(zone: string): boolean {
  return typeof zone === "string" && (fixedOffset(zone) !== undefined || formatterFor(zone) !== undefined);
}

const zonesByLowerName: ReadonlyMap<string, string> = new Map(Object.keys(getAllTimezones({ deprecated: true })).map((z) => [z.toLowerCase(), z]));

function nameKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, "");
}

const COUNTRY_ALIASES: Record<string, string> = {
  usa: "US", us: "US", unitedstates: "US", america: "US", uk: "GB", greatbritain: "GB", britain: "GB", england: "GB", scotland: "GB", wales: "GB",
  czechrepublic: "CZ", korea: "KR", southkorea: "KR", republicofkorea: "KR", russianfederation: "RU", vietnam: "VN", vietnamm: "VN", viet: "VN",
  cotedivoire: "CI", ivorycoast: "CI", turkiye: "TR", turkey: "TR", holland: "NL", thenetherlands: "NL", uae: "AE", emirates: "AE",
  macedonia: "MK", burma: "MM", myanmar: "MM", eswatini: "SZ", swaziland: "SZ", capeverde: "CV", caboverde: "CV", taiwan: "TW",
  philippines: "PH", thephilippines: "PH", bosnia: "BA", drc: "CD",
};

const countryByName: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const c of Object.values(getAllCountries())) map.set(nameKey(c.name), c.id);
  for (const [alias, id] of Object.entries(COUNTRY_ALIASES)) if (!map.has(alias)) map.set(alias, id);
  return map;
})();

interface ZoneSummary {
  readonly utcOffset: number;
  readonly dstOffset: number;
  readonly countries?: readonly string[];
}
const zoneTable = getAllTimezones({ deprecated: true }) as Record<string, ZoneSummary>;

// Abbreviations stand for the region that uses them, with its daylight saving: buyers write
// "EST" for US Eastern time all year, so EST is America/New_York, not the IANA zone EST (a
// fixed UTC-5). The European ones follow the IANA links (CET is Europe/Brussels). Places that
// keep standard time all year (Arizona, Queensland) are named by city or zone; a fixed clock
// by its offset (UTC-5). An abbreviation several regions use is an error naming them.
const ABBREVIATIONS: Readonly<Record<string, string | readonly (readonly [string, string])[]>> = {
  z: "UTC",
  est: "America/New_York", edt: "America/New_York",
  cdt: "America/Chicago",
  mst: "America/Denver", mdt: "America/Denver",
  pdt: "America/Los_Angeles",
  akst: "America/Anchorage", akdt: "America/Anchorage",
  hst: "Pacific/Honolulu",
  adt: "America/Halifax",
  nst: "America/St_Johns", ndt: "America/St_Johns",
  wet: "Europe/Lisbon", west: "Europe/Lisbon",
  cet: "Europe/Brussels", cest: "Europe/Brussels", met: "Europe/Brussels", mest: "Europe/Brussels",
  eet: "Europe/Athens", eest: "Europe/Athens",
  msk: "Europe/Moscow",
  pkt: "Asia/Karachi", npt: "Asia/Kathmandu",
  ict: "Asia/Bangkok", wib: "Asia/Jakarta", wita: "Asia/Makassar", wit: "Asia/Jayapura",
  sgt: "Asia/Singapore", myt: "Asia/Kuala_Lumpur", pht: "Asia/Manila", hkt: "Asia/Hong_Kong",
  jst: "Asia/Tokyo", kst: "Asia/Seoul", gst: "Asia/Dubai",
  aest: "Australia/Sydney", aedt: "Australia/Sydney", acst: "Australia/Adelaide", acdt: "Australia/Adelaide", awst: "Australia/Perth",
  nzst: "Pacific/Auckland", nzdt: "Pacific/Auckland",
  brt: "America/Sao_Paulo", art: "America/Argentina/Buenos_Aires", clt: "America/Santiago", cot: "America/Bogota", pet: "America/Lima",
  wat: "Africa/Lagos", cat: "Africa/Maputo", eat: "Africa/Nairobi", sast: "Africa/Johannesburg",
  ist: [["India", "Asia/Kolkata"], ["Ireland", "Europe/Dublin"], ["Israel", "Asia/Jerusalem"]],
  bst: [["British Summer Time", "Europe/London"], ["Bangladesh", "Asia/Dhaka"]],
  cst: [["US Central", "America/Chicago"], ["China", "Asia/Shanghai"], ["Cuba", "America/Havana"]],
  pst: [["US Pacific", "America/Los_Angeles"], ["Philippines", "Asia/Manila"]],
  ast: [["Atlantic", "America/Halifax"], ["Arabia", "Asia/Riyadh"]],
};

// Large cities that are not IANA zone names, each in a country that keeps one clock.
const CITY_ALIASES: Readonly<Record<string, string>> = {
  bangalore: "Asia/Kolkata", bengaluru: "Asia/Kolkata", mumbai: "Asia/Kolkata", bombay: "Asia/Kolkata", delhi: "Asia/Kolkata",
  newdelhi: "Asia/Kolkata", chennai: "Asia/Kolkata", pune: "Asia/Kolkata", noida: "Asia/Kolkata", gurgaon: "Asia/Kolkata", gurugram: "Asia/Kolkata",
  krakow: "Europe/Warsaw", wroclaw: "Europe/Warsaw", gdansk: "Europe/Warsaw", poznan: "Europe/Warsaw",
  cluj: "Europe/Bucharest", clujnapoca: "Europe/Bucharest", iasi: "Europe/Bucharest", lviv: "Europe/Kyiv", kharkiv: "Europe/Kyiv",
  beijing: "Asia/Shanghai", shenzhen: "Asia/Shanghai", guangzhou: "Asia/Shanghai",
  cebu: "Asia/Manila", davao: "Asia/Manila", hanoi: "Asia/Ho_Chi_Minh", hochiminhcity: "Asia/Ho_Chi_Minh", danang: "Asia/Ho_Chi_Minh",
  medellin: "America/Bogota",
};

const AREAS = new Set(["Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"]);
// Old Australian region links whose last part names no place.
const NOT_CITIES = new Set(["north", "south", "west", "act", "nsw", "lhi"]);

/** IANA zones by the key of their last part ("Kolkata", "Buenos_Aires"); an old name gives its current zone. */
const zonesByCity: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const all = getAllTimezones({ deprecated: true }) as Record<string, { readonly aliasOf?: string | null }>;
  // Current names first, so an old link never displaces one.
  const names = Object.keys(all).sort((x, y) => Number(Boolean(all[x].aliasOf)) - Number(Boolean(all[y].aliasOf)));
  for (const name of names) {
    const parts = name.split("/");
    if (parts.length < 2 || !AREAS.has(parts[0])) continue;
    const key = nameKey(parts[parts.length - 1]);
    if (NOT_CITIES.has(key) || map.has(key)) continue;
    map.set(key, all[name].aliasOf ?? name);
  }
  for (const [city, zone] of Object.entries(CITY_ALIASES)) if (!map.has(city)) map.set(city, zone);
  return map;
})();

const ACCEPTED = "an IANA zone (Asia/Kolkata), a country (India), a city (Kolkata), a UTC offset (UTC+5:30) or an abbreviation (CET)";
const OFFSET_RANGE = "a UTC offset from UTC-12:00 to UTC+14:00, such as UTC+5:30 or GMT-3";

// UTC or GMT then a sign, or a bare sign then a digit; the minus may be typographic.
const OFFSET_LIKE = /^(?:utc|gmt|ut)\s*[+\-\u2212\u2013]|^[+\-\u2212\u2013]\s*\d/i;
const OFFSET = /^(?:utc|gmt|ut)?\s*([+\-\u2212\u2013])\s*(\d{1,2})(?::?(\d{2})|[.,](\d+))?$/i;

/** "UTC+5:30", "GMT-3", "UTC+0530", "+08:00", "UTC+5.5" as the fixed zone "UTC+05:30"; undefined when malformed or out of range. */
function parseOffset(raw: string): string | undefined {
  const m = OFFSET.exec(raw);
  if (m === null) return undefined;
  const hours = Number(m[2]);
  const minutes = m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? Math.round(Number("0." + m[4]) * 60) : 0;
  if (minutes >= 60) return undefined;
  const total = (m[1] === "+" ? 1 : -1) * (hours * 60 + minutes);
  if (total < -12 * 60 || total > 14 * 60) return undefined;
  if (total === 0) return "UTC";
  const abs = Math.abs(total);
  return `UTC${total < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

const resolved = new Map<string, Result<string>>();

/**
 * A zone from an IANA name ("Asia/Kolkata", any case), an ISO country code ("IN"), an English
 * country name ("India"), a city ("Kolkata": the last part of any IANA name, accents optional,
 * and a few large cities such as Bangalore), a common abbreviation ("CET"), or an offset
 * ("UTC+5:30", "GMT-3"), which resolves to the fixed zone "UTC+05:30". A country whose zones
 * keep different clocks (United States, Brazil, Mexico...) and an abbreviation several regions
 * use (IST) are errors naming the candidates: choosing one silently would move the overlap by
 * hours.
 */
export function resolveZone(text: string): Result<string> {
  const raw = typeof text === "string" ? text.trim() : String(text ?? "").trim();
  const hit = resolved.get(raw);
  if (hit) return hit;
  const result = resolveUncached(raw);
  if (resolved.size > 4096) resolved.clear();
  resolved.set(raw, result);
  return result;
}

function resolveUncached(raw: string): Result<string> {
  if (raw === "") return zoneError(`Time zone is empty; give ${ACCEPTED}`, raw);
  if (OFFSET_LIKE.test(raw)) {
    const zone = parseOffset(raw);
    return zone === undefined ? zoneError(`${quotedText(raw)} is not ${OFFSET_RANGE}`, raw) : { ok: true, value: zone };
  }
  if (raw.includes("/")) {
    const known = zonesByLowerName.get(raw.toLowerCase().replace(/\s+/g, "_"));
    const candidate = known ?? raw;
    const f = formatterFor(candidate);
    if (f === undefined) return zoneError(`${quotedText(raw)} is not an IANA time zone name; give ${ACCEPTED}`, raw);
    return { ok: true, value: known ?? f.resolvedOptions().timeZone };
  }
  const key = nameKey(raw);
  // Two letters are an ISO country code (PT is Portugal, not Pacific time).
  const abbreviation = /^[a-z]{1,5}$/i.test(raw) && raw.length !== 2 ? ABBREVIATIONS[key] : undefined;
  if (typeof abbreviation === "string") return { ok: true, value: abbreviation };
  if (abbreviation !== undefined) {
    const options = abbreviation.map(([place, zone]) => `${zone} (${place})`);
    return zoneError(`${quotedText(raw)} is ambiguous: ${options.slice(0, -1).join(", ")} or ${options[options.length - 1]}; give one of these zones, or the city or country`, raw);
  }
  const id = countryId(raw);
  const country = id ? getCountry(id) : null;
  if (!country) {
    // Other IANA names without an area (UTC, GMT, EST5EDT), then cities.
    const legacy = zonesByLowerName.get(raw.toLowerCase());
    if (legacy !== undefined && formatterFor(legacy) !== undefined) return { ok: true, value: legacy };
    const city = zonesByCity.get(key);
    if (city !== undefined && formatterFor(city) !== undefined) return { ok: true, value: city };
    return zoneError(`${quotedText(raw)} is not a time zone the model knows; give ${ACCEPTED}`, raw);
  }
  const zones = country.timezones.filter((z) => formatterFor(z) !== undefined);
  if (zones.length === 0) return zoneError(`No time zone is known for ${country.name}; give the Time zone`, raw);
  const first = zoneTable[zones[0]];
  // Zones that keep the same clock (Germany lists Berlin and Busingen) are one zone for overlap.
  const sameClock = zones.every((z) => zoneTable[z] && first && zoneTable[z].utcOffset === first.utcOffset && zoneTable[z].dstOffset === first.dstOffset);
  if (!sameClock) {
    return zoneError(`${country.name} spans several time zones; give the Time zone, one of ${zones.join(", ")}`, raw);
  }
  // Same clock everywhere: name the zone that is the country's own (Vietnam is
  // Asia/Ho_Chi_Minh, not the Asia/Bangkok it shares a clock with).
  // Current names first; an old alias only when it is the country's sole own zone
  // (Cambodia is Asia/Phnom_Penh rather than Asia/Bangkok).
  const soleOwn = (z: string) => zoneTable[z]?.countries?.length === 1 && zoneTable[z]?.countries?.[0] === country.id;
  const aliases = (getCountry(country.id, { deprecated: true })?.timezones ?? []).filter((z) => !zones.includes(z) && formatterFor(z) !== undefined);
  const own =
    zones.find(soleOwn) ?? zones.find((z) => zoneTable[z]?.countries?.[0] === country.id) ?? aliases.find(soleOwn) ?? zones[0];
  return { ok: true, value: own };
}

function countryId(raw: string): string | undefined {
  if (/^[a-z]{2}$/i.test(raw) && getCountry(raw.toUpperCase())) return raw.toUpperCase();
  return countryByName.get(nameKey(raw));
}

/** Country ISO code for a country text, or "" when it names no country. */
export function countryCode(text: string): string {
  const raw = text.trim();
  const id = countryId(raw);
  return id && getCountry(id) ? id : "";
}

// ---- Offsets and overlap --------------------------------------------------------------

const offsetCache = new Map<string, Map<number, number>>();

/** Minutes the zone's wall clock is ahead of UTC at the instant `utcMs`. */
function offsetMinutes(zone: string, utcMs: number): number {
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) return fixed;
  let byInstant = offsetCache.get(zone);
  if (byInstant === undefined) {
    byInstant = new Map();
    offsetCache.set(zone, byInstant);
  }
  const cached = byInstant.get(utcMs);
  if (cached !== undefined) return cached;
  const f = formatterFor(zone);
  if (f === undefined) return NaN;
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  for (const p of f.formatToParts(new Date(utcMs))) {
    switch (p.type) {
      case "year": y = Number(p.value); break;
      case "month": mo = Number(p.value); break;
      case "day": d = Number(p.value); break;
      case "hour": h = Number(p.value); break;
      case "minute": mi = Number(p.value); break;
      case "second": s = Number(p.value); break;
    }
  }
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const minutes = Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60000);
  if (byInstant.size > 10_000) byInstant.clear();
  byInstant.set(utcMs, minutes);
  return minutes;
}

/**
 * UTC instant of a wall-clock time in a zone. A time the clocks pass twice (when they go back)
 * is its first occurrence; a time they skip (when they go forward) is read with the offset from
 * before the change, an hour later than the gap (the rule calendar software follows: RFC 5545,
 * JavaScript's Temporal "compatible"). The offsets a day either side are those in force before
 * and after any change near the time.
 */
function wallToUtc(zone: string, wallMs: number): number {
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) return wallMs - fixed * 60000;
  const before = offsetMinutes(zone, wallMs - MS_PER_DAY);
  const after = offsetMinutes(zone, wallMs + MS_PER_DAY);
  const early = wallMs - before * 60000;
  const late = wallMs - after * 60000;
  const earlyHolds = offsetMinutes(zone, early) === before;
  const lateHolds = offsetMinutes(zone, late) === after;
  if (earlyHolds && lateHolds) return Math.min(early, late);
  if (earlyHolds) return early;
  if (lateHolds) return late;
  // Neither: a skipped time, or two changes within a day (then the offset at the first reading).
  return before < after ? early : wallMs - offsetMinutes(zone, early) * 60000;
}

const windowCache = new Map<string, readonly [number, number]>();

/**
 * The window [start, end) of one local day as UTC instants, with that day's own offsets; an end
 * at or before the start runs past midnight. `midnight` is the day's date as a UTC timestamp.
 */
function windowUtc(zone: string, midnight: number, window: readonly [number, number]): readonly [number, number] {
  const key = zone + "|" + midnight + "|" + window[0] + "," + window[1];
  let w = windowCache.get(key);
  if (w === undefined) {
    const startH = window[0];
    const endH = startH + windowLength(window);
    w = [wallToUtc(zone, midnight + startH * MS_PER_HOUR), wallToUtc(zone, midnight + endH * MS_PER_HOUR)];
    if (windowCache.size > 50_000) windowCache.clear();
    windowCache.set(key, w);
  }
  return w;
}

const DEFAULT_WINDOW: readonly [number, number] = [9, 17];
const overlapCache = new Map<string, number>();

/** Nominal length of a working window in hours; an end at or before the start runs past midnight. */
export function windowLength(w: readonly [number, number]): number {
  return w[1] <= w[0] ? w[1] + 24 - w[0] : w[1] - w[0];
}

function validWindow(w: readonly [number, number]): boolean {
  return Number.isFinite(w[0]) && Number.isFinite(w[1]) && w[0] >= 0 && w[0] <= 24 && w[1] >= 0 && w[1] <= 24;
}

function validDate(date: CalendarDate): boolean {
  if (!date || !Number.isInteger(date.year) || !Number.isInteger(date.month) || !Number.isInteger(date.day)) return false;
  const t = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return date.year >= 1900 && date.year <= 9999 && t.getUTCMonth() === date.month - 1 && t.getUTCDate() === date.day;
}

/**
 * Hours of the first side's working day on `date` (its own calendar date) during which the
 * second side is at work. Windows are hours of the day, default 9 to 17; an end at or before
 * its start runs past midnight. Each side's window is placed on its own day with that day's
 * UTC offset, and the second side's windows on the days around the date count too (up to
 * three days away: clocks 26 h apart and a window ending the next day can reach that far).
 * Apart from the days the clocks change, the result is the same whichever side comes first;
 * on those days each side's own day is what is counted. It never exceeds the shorter window.
 * Returns NaN for an unknown zone, an invalid date or a window outside 0-24 h; use `overlap`
 * for a message.
 */
export function overlapHours(
  zoneA: string,
  zoneB: string,
  date: CalendarDate,
  windowA: readonly [number, number] = DEFAULT_WINDOW,
  windowB: readonly [number, number] = DEFAULT_WINDOW,
): number {
  const key = zoneA + "|" + zoneB + "|" + date?.year + "-" + date?.month + "-" + date?.day + "|" + windowA[0] + "," + windowA[1] + "|" + windowB[0] + "," + windowB[1];
  const cached = overlapCache.get(key);
  if (cached !== undefined) return cached;
  let hours = NaN;
  if (validDate(date) && validWindow(windowA) && validWindow(windowB) && knownZone(zoneA) && knownZone(zoneB)) {
    const midnight = Date.UTC(date.year, date.month - 1, date.day);
    const [a0, a1] = windowUtc(zoneA, midnight, windowA);
    const [b0, b1] = windowUtc(zoneB, midnight, windowB);
    let shared = Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
    for (const days of [-3, -2, -1, 1, 2, 3]) {
      // A day whose window, at this day's offset, lies more than a day clear of the first
      // side's cannot reach it: no clock moves by a day (Samoa's did once, in 2011).
      const shift = days * MS_PER_DAY;
      if (b1 + shift <= a0 - MS_PER_DAY || b0 + shift >= a1 + MS_PER_DAY) continue;
      const [c0, c1] = windowUtc(zoneB, midnight + shift, windowB);
      shared += Math.max(0, Math.min(a1, c1) - Math.max(a0, c0));
    }
    // On a daylight-saving night a window can last an hour more in UTC; the working day it
    // stands for does not grow, so the overlap is capped at the nominal windows.
    hours = Math.min(shared / MS_PER_HOUR, windowLength(windowA), windowLength(windowB));
  }
  if (overlapCache.size > 50_000) overlapCache.clear();
  overlapCache.set(key, hours);
  return hours;
}

/**
 * Hours the zone's clock is ahead of UTC at noon UTC on `date`, with that day's daylight
 * saving; NaN for an unknown zone. Fixed offsets ("UTC+05:30") are their own offset.
 */
export function utcOffsetHoursOn(zone: string, date: CalendarDate): number {
  if (!knownZone(zone) || !validDate(date)) return NaN;
  return offsetMinutes(zone, Date.UTC(date.year, date.month - 1, date.day, 12)) / 60;
}

/**
 * The country an IANA zone belongs to: the first country the tz database's zone table lists
 * for it (America/Toronto is CA, Europe/Zurich is CH). "" for a fixed offset, UTC and zones
 * that belong to no country.
 */
export function zoneCountry(zone: string): string {
  if (fixedOffset(zone) !== undefined) return "";
  return zoneTable[zone]?.countries?.[0] ?? "";
}

/** overlapHours with zone text resolved (IANA name, ISO code or country) and errors as values. */
export function overlap(
  zoneTextA: string,
  zoneTextB: string,
  date: CalendarDate,
  windowA: readonly [number, number] = DEFAULT_WINDOW,
  windowB: readonly [number, number] = DEFAULT_WINDOW,
): Result<number> {
  const a = resolveZone(zoneTextA);
  if (!a.ok) return a;
  const b = resolveZone(zoneTextB);
  if (!b.ok) return b;
  if (!validDate(date)) return zoneError(`Date must be a calendar date between 1900 and 9999; got ${JSON.stringify(date)}`, date);
  for (const w of [windowA, windowB]) {
    if (!validWindow(w)) return { ok: false, error: { kind: "input", field: "Working hours", value: w, message: `Working hours must be between 0 and 24; got ${w[0]} to ${w[1]}` } };
  }
  return { ok: true, value: overlapHours(a.value, b.value, date, windowA, windowB) };
}

/** Calendar date of an Excel serial (1900 date system; serials before March 1900 are off by Excel's 1900 leap-year quirk). */
export function excelSerialToDate(serial: number): CalendarDate {
  const t = new Date((Math.floor(serial) - EXCEL_UNIX_EPOCH) * MS_PER_DAY);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Excel serial of a calendar date. */
export function dateToExcelSerial(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY + EXCEL_UNIX_EPOCH;
}

/** The date `days` calendar days after (before, when negative) `date`. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return excelSerialToDate(dateToExcelSerial(date) + Math.round(days));
}

/** The same day `months` whole months later, on the month's last day when it is shorter (31 Jan + 1 month = 28 or 29 Feb). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const first = new Date(Date.UTC(date.year, date.month - 1 + Math.round(months), 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return { year: first.getUTCFullYear(), month: first.getUTCMonth() + 1, day: Math.min(date.day, lastDay) };
}

/** Today's date in UTC: the model never reads the machine's zone. */
export function todayUtc(): CalendarDate {
  const t = new Date();
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** An hour of the day from an hour number (9, 17.5) or an Excel time (0.375 is 9:00). */
export function toHourOfDay(value: number): number {
  return value > 0 && value < 1 ? value * 24 : value;
}

// ---- Choosing a zone -------------------------------------------------------------------

/** A zone as a picker offers it: the IANA name, where it is, and the words that find it. */
export interface ZoneChoice {
  /** The IANA zone (or a fixed offset such as "UTC+05:30"), what the assumption stores. */
  readonly zone: string;
  /** Country and standard offset, for the eye: "India · UTC+05:30". */
  readonly detail: string;
  /** Cities, countries and former names that lead to the zone, keyed as nameKey does. */
  readonly keys: readonly string[];
}

let choices: readonly ZoneChoice[] | undefined;

/** Every current IANA zone the platform knows, alphabetically, with the cities and countries that lead to it. */
export function zoneChoices(): readonly ZoneChoice[] {
  if (choices) return choices;
  const all = getAllTimezones({ deprecated: true }) as Record<string, { readonly aliasOf?: string | null; readonly countries?: readonly string[]; readonly utcOffsetStr?: string }>;
  const extra = new Map<string, Set<string>>();
  const add = (zone: string, key: string) => {
    if (!extra.has(zone)) extra.set(zone, new Set());
    extra.get(zone)!.add(key);
  };
  for (const [name, z] of Object.entries(all)) if (z.aliasOf) add(z.aliasOf, nameKey(name.split("/").pop()!));
  for (const [city, zone] of zonesByCity) add(zone, city);
  const countryNames = new Map<string, string>(Object.values(getAllCountries()).map((c) => [c.id, c.name]));
  choices = Object.keys(all)
    .filter((name) => !all[name].aliasOf && formatterFor(name) !== undefined)
    .sort()
    .map((zone) => {
      const countries = (all[zone].countries ?? []).map((id) => countryNames.get(id) ?? id);
      const offset = all[zone].utcOffsetStr === "+00:00" ? "UTC" : `UTC${all[zone].utcOffsetStr ?? ""}`;
      const keys = new Set([nameKey(zone), ...zone.split("/").map(nameKey), ...countries.map(nameKey), ...(extra.get(zone) ?? [])]);
      // The zone's own country first; the others only share its clock (tz database links).
      return { zone, detail: [...countries.slice(0, 1), offset].join(" · "), keys: [...keys].filter((k) => k !== "") };
    });
  return choices;
}

/** The current name of a zone the tz database keeps an old name for (Asia/Calcutta is Asia/Kolkata); any other zone as it is. */
export function currentZoneName(zone: string): string {
  const all = getAllTimezones({ deprecated: true }) as Record<string, { readonly aliasOf?: string | null }>;
  return all[zone]?.aliasOf ?? zone;
}

/**
 * Zones for what a buyer typed, best first: what resolveZone makes of the text (a city, a
 * country with one clock, an abbreviation, an offset), then zones with a city, country or
 * name starting with it, then containing it. Empty text lists the zones alphabetically.
 */
export function searchZones(text: string, limit = 50): ZoneChoice[] {
  const all = zoneChoices();
  const query = nameKey(text);
  if (query === "") return all.slice(0, limit);
  const found: ZoneChoice[] = [];
  const resolvedZone = resolveZone(text);
  if (resolvedZone.ok) {
    const known = all.find((c) => c.zone === currentZoneName(resolvedZone.value));
    found.push(known ?? { zone: resolvedZone.value, detail: resolvedZone.value === "UTC" ? "UTC" : "a fixed offset, no daylight saving", keys: [] });
  }
  for (const pass of [(k: string) => k.startsWith(query), (k: string) => k.includes(query)]) {
    for (const c of all) {
      if (found.length >= limit) return found;
      if (!found.includes(c) && c.keys.some(pass)) found.push(c);
    }
  }
  return found;
}
