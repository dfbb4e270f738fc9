// Time zones and working-hours overlap. The zone rules come from the platform (Intl, the
// IANA database it ships); country-to-zone data from countries-and-timezones. Offsets are
// cached by (zone, instant) and overlaps by their full key because a table of 100,000 rows
// uses a handful of zones and one date.
import { getAllCountries, getAllTimezones, getCountry } from "countries-and-timezones";
import type { Result } from "./types";

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

const resolved = new Map<string, Result<string>>();

/**
 * An IANA zone from an IANA name ("Asia/Kolkata", any case), an ISO country code ("IN")
 * or an English country name ("India"). A country whose zones keep different clocks
 * (United States, Brazil, Mexico...) is an error naming the candidates: choosing one
 * silently would move the overlap by hours.
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
  if (raw === "") return zoneError("Time zone is empty; give an IANA name such as Asia/Kolkata or a country", raw);
  if (raw.includes("/") || /^(utc|gmt|etc\/.*)$/i.test(raw)) {
    const known = zonesByLowerName.get(raw.toLowerCase());
    const candidate = known ?? raw;
    const f = formatterFor(candidate);
    if (f === undefined) return zoneError(`Time zone '${raw}' is not an IANA time zone name such as Asia/Kolkata`, raw);
    return { ok: true, value: known ?? f.resolvedOptions().timeZone };
  }
  const id = countryId(raw);
  const country = id ? getCountry(id) : null;
  if (!country) return zoneError(`'${raw}' is neither an IANA time zone nor a country the model knows; give a zone such as Asia/Kolkata`, raw);
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

/** UTC instant of a wall-clock time in a zone; in a daylight-saving gap, the later reading. */
function wallToUtc(zone: string, wallMs: number): number {
  const first = wallMs - offsetMinutes(zone, wallMs) * 60000;
  const second = wallMs - offsetMinutes(zone, first) * 60000;
  if (second === first) return first;
  const third = wallMs - offsetMinutes(zone, second) * 60000;
  return Math.max(second, third);
}

/** The window [start, end) of a local day as UTC instants; an end before the start runs past midnight. */
function windowUtc(zone: string, date: CalendarDate, window: readonly [number, number]): [number, number] {
  const midnight = Date.UTC(date.year, date.month - 1, date.day);
  const startH = window[0];
  const endH = window[1] <= window[0] ? window[1] + 24 : window[1];
  return [wallToUtc(zone, midnight + startH * MS_PER_HOUR), wallToUtc(zone, midnight + endH * MS_PER_HOUR)];
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
 * Hours both working windows share on `date` (each side's local date). Windows are hours of
 * the day, default 9 to 17; an end at or before its start runs past midnight. Daily windows
 * repeat, so the parts shared with the other side's previous and next day count too; the
 * sum never exceeds the shorter window and is the same whichever side comes first.
 * Returns NaN for an unknown zone, an invalid date or a window outside 0-24 h; use
 * `overlap` for a message.
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
  if (validDate(date) && validWindow(windowA) && validWindow(windowB) && formatterFor(zoneA) && formatterFor(zoneB)) {
    const [a0, a1] = windowUtc(zoneA, date, windowA);
    const [b0, b1] = windowUtc(zoneB, date, windowB);
    let shared = 0;
    for (const shift of [-MS_PER_DAY, 0, MS_PER_DAY]) {
      shared += Math.max(0, Math.min(a1, b1 + shift) - Math.max(a0, b0 + shift));
    }
    // On a daylight-saving night a window can last an hour more in UTC; the working day it
    // stands for does not grow, so the overlap is capped at the nominal windows.
    hours = Math.min(shared / MS_PER_HOUR, windowLength(windowA), windowLength(windowB));
  }
  if (overlapCache.size > 50_000) overlapCache.clear();
  overlapCache.set(key, hours);
  return hours;
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

/** Today's date in UTC: the model never reads the machine's zone. */
export function todayUtc(): CalendarDate {
  const t = new Date();
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** An hour of the day from an hour number (9, 17.5) or an Excel time (0.375 is 9:00). */
export function toHourOfDay(value: number): number {
  return value > 0 && value < 1 ? value * 24 : value;
}
