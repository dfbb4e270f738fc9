/*
 * Location fit. O = overlap hours (computed from the time zones, given to the formula).
 *
 *   need      = [Overlap need (<Collaboration intensity> collaboration)]
 *   required  = need + [Overlap extra (<Urgency> urgency)] + [Overlap extra (<Data sensitivity> data)]
 *   score     = IF(required <= 0, 100, 100 * MIN(1, O / required))
 *   onshore   = [Onshore median hourly wage (<Work type>)] * [Onshore loaded-cost multiplier]
 *   leverage  = 1 - effective hourly rate / onshore
 *   verdict   = IF(O >= required, "Benefit",
 *                 IF(AND(required - O <= [Overlap gap a shift can close (hours)],
 *                        leverage >= [Minimum cost leverage for a trade-off]), "Trade-off", "Blocker"))
 *
 * A shortfall a shifted day can close is a manageable trade-off only when the vendor saves
 * enough to pay for the inconvenience (the buyer's guide "Offshore Outsourcing Explained" weighs the gap against cost leverage): the
 * effective hourly rate (total cost / hours, hidden costs included) against the onshore rate.
 * Work that needs no live overlap is a Benefit however far away the vendor is: the time-zone
 * spread extends coverage (the same guide's "extended coverage"). The recommended location model
 * is advice text, not part of the portable formulas. It is one step closer than where the
 * vendor really works (location.ts), never the row's own label when that label is what falls
 * short, and none when no location model gives more overlap (the vendor's hours are the gap).
 * O uses the row's Vendor hours when it gives them, else the assumptions' vendor workday.
 */
import type { FitVerdict, LocationFit, LocationModel, VendorRow, WorkType } from "./types";
import { LEVELS, SENSITIVITIES, WORK_TYPES } from "./types";
import type { Assumptions } from "./assumptions";
import { pascal } from "./assumptions";
import { locationCheck, type LocationCheck, type VendorLocation } from "./location";
import { workTypeOf } from "./worktype";
import { CATEGORY_BITS, categoriesOf, hoursText, tablesFor, type Tables } from "./tables";
import { overlapHours, type CalendarDate } from "./zones";
import { referenceDateOf } from "./reference";

/** Overlap hours the row's work needs: collaboration need, raised by urgency and data sensitivity. */
export function requiredOverlap(row: VendorRow, t: Tables): number {
  return t.overlapNeed[row.collaborationIntensity] + t.overlapExtraUrgency[row.urgency] + t.overlapExtraSensitivity[row.dataSensitivity];
}

// The category lists, read once: an imported binding may be a getter on every read.
const LEVEL_WORDS: readonly string[] = LEVELS;
const SENSITIVITY_WORDS: readonly string[] = SENSITIVITIES;
const B = CATEGORY_BITS;

/** requiredOverlap, read once per combination: one slot lookup instead of three keyed table lookups per row. */
function requiredOf(row: VendorRow, t: Tables, cats: number): number {
  // A word outside the lists (a row built by hand) is computed as it reads, never cached.
  if (cats < 0) return requiredOverlap(row, t);
  // Required overlap by collaboration, urgency and data sensitivity, per assumptions object (its Tables).
  let slots = t.required as (number | undefined)[] | undefined;
  // Every slot from the start, so the array keeps fast elements.
  if (slots === undefined) t.required = slots = new Array<number | undefined>(LEVEL_WORDS.length * LEVEL_WORDS.length * SENSITIVITY_WORDS.length).fill(undefined);
  const slot = requiredSlot(cats);
  return slots[slot] ?? (slots[slot] = requiredOverlap(row, t));
}

/** Where requiredOf keeps a combination's required overlap, from categoriesOf's number (not -1). */
function requiredSlot(cats: number): number {
  return ((((cats >> B.collaboration) & 7) * LEVEL_WORDS.length + ((cats >> B.urgency) & 7)) * SENSITIVITY_WORDS.length) + ((cats >> B.sensitivity) & 7);
}

/** Overlap hours the row needs under these assumptions. */
export function requiredOverlapHours(row: VendorRow, a: Assumptions): number {
  return requiredOverlap(row, tablesFor(a));
}

/** The row's working-hours overlap with the buyer on the reference date. */
export function rowOverlapHours(row: VendorRow, a: Assumptions): number {
  return overlapOf(row, tablesFor(a));
}

/** rowOverlapHours with the assumptions' tables at hand. */
export function overlapOf(row: VendorRow, t: Tables): number {
  const a = t.a;
  const date = referenceDateOf(a);
  // Cached per assumptions object and zone; the cache follows "today" when no date is set.
  const serial = date.year * 10000 + date.month * 100 + date.day;
  if (t.overlapSerial !== serial) {
    t.overlapByZone.clear();
    t.overlapSerial = serial;
  }
  const zone = row.timeZone === "" ? a.buyerTimeZone : row.timeZone;
  const own = row.vendorHours;
  const key = own === undefined ? zone : zone + "|" + own[0] + "-" + own[1];
  let hours = t.overlapByZone.get(key);
  if (hours === undefined) {
    hours = overlapHours(a.buyerTimeZone, zone, date, [a.buyerWorkdayStart, a.buyerWorkdayEnd], own ?? [a.vendorWorkdayStart, a.vendorWorkdayEnd]);
    t.overlapByZone.set(key, hours);
  }
  return hours;
}

/**
 * What the row's Time zone decides under one assumptions object on one reference date: the
 * overlap at the assumptions' vendor workday, and for the Country first seen with the zone, the
 * location checks and their advice at that overlap. A row finds it with one lookup on its own
 * zone string, where overlapOf, locationCheck and the advice memo each take one or more.
 */
export interface Spot {
  readonly overlap: number;
  readonly country: string;
  /** By the label's position in LOCATION_MODELS * 3 + the basis's position (given, derived, default). */
  readonly checks: (LocationCheck | undefined)[];
  /** By the same position, then by required overlap, kind of work and trade-off (see ADVICE_SLOTS): the advice at `overlap`. */
  readonly advice: ((Advice | undefined)[] | undefined)[];
}
interface Spots {
  date: CalendarDate;
  readonly byZone: Map<string, Spot>;
}

/** The row's Spot; its overlap is the row's own unless the row gives Vendor hours. */
export function spotOf(row: VendorRow, t: Tables): Spot {
  const a = t.a;
  // referenceDateOf gives the same object until the date changes.
  const date = referenceDateOf(a);
  let spots = t.spots as Spots | undefined;
  if (spots === undefined) t.spots = spots = { date, byZone: new Map() };
  else if (spots.date !== date) {
    spots.date = date;
    spots.byZone.clear();
  }
  const timeZone = row.timeZone;
  let spot = spots.byZone.get(timeZone);
  if (spot === undefined) {
    if (spots.byZone.size > 4096) spots.byZone.clear();
    const zone = timeZone === "" ? a.buyerTimeZone : timeZone;
    spot = {
      overlap: overlapHours(a.buyerTimeZone, zone, date, [a.buyerWorkdayStart, a.buyerWorkdayEnd], [a.vendorWorkdayStart, a.vendorWorkdayEnd]),
      country: row.country,
      // Every slot from the start, so the arrays keep fast elements.
      checks: new Array<LocationCheck | undefined>(9).fill(undefined),
      advice: new Array<(Advice | undefined)[] | undefined>(9).fill(undefined),
    };
    spots.byZone.set(timeZone, spot);
  }
  return spot;
}

interface WorkRate {
  readonly text: string;
  readonly workType: WorkType;
  /** The kind of work's position in WORK_TYPES. */
  readonly index: number;
  readonly rate: number;
}
/** Kind of work and reference rate by the row's Work type text, per assumptions object (its Tables; assumptions objects are immutable). */
function workRateOf(text: string, t: Tables): WorkRate {
  const a = t.a;
  // A table names few kinds of work, most often one or none: the last one found first.
  const last = t.lastWorkRate as WorkRate | undefined;
  if (last !== undefined && last.text === text) return last;
  let rates = t.workRates as Map<string, WorkRate> | undefined;
  if (rates === undefined) t.workRates = rates = new Map();
  let found = rates.get(text);
  if (found === undefined) {
    const workType = workTypeOf(text);
    found = { text, workType, index: WORK_TYPES.indexOf(workType), rate: (a as unknown as Record<string, number>)[`onshoreWage${pascal(workType)}`] * a.onshoreLoadedCostMultiplier };
    if (rates.size > 4096) rates.clear();
    rates.set(text, found);
  }
  return (t.lastWorkRate = found);
}

/** The onshore reference hourly rate for a kind of work: median wage times the loaded-cost multiplier. */
export function onshoreReferenceRate(workType: string, a: Assumptions): number {
  return workRateOf(workType, tablesFor(a)).rate;
}

const CLOSER: Readonly<Record<LocationModel, LocationModel | "">> = { Offshore: "Nearshore", Nearshore: "Onshore", Onshore: "" };

/** One step closer than where the vendor works (its zone when known, else its label), skipping its own label. */
function closerThan(row: VendorRow, where: VendorLocation, conflict: boolean): LocationModel | "" {
  const actual = where.derived !== undefined && conflict ? where.derived : row.locationModel;
  const step = CLOSER[actual];
  return step === row.locationModel ? CLOSER[step] : step;
}

interface Advice {
  readonly verdict: FitVerdict;
  readonly recommended: LocationModel | "";
  readonly reason: string;
}
/**
 * Verdict, recommendation and reason by location check (itself per assumptions, place, label
 * and basis), kind of work, overlap, required overlap and whether the saving pays for a
 * trade-off: all they depend on. Overlap and need in whole quarter hours, the usual case, make
 * one small integer key with the rest, so a row costs one lookup and builds no key; any other
 * is keyed by its numbers as text.
 */
function adviceFor(row: VendorRow, t: Tables, check: LocationCheck, rate: WorkRate, overlap: number, required: number, worthIt: boolean): Advice {
  const memo = check.memo as Map<number | string, Advice>;
  const o = overlap * 4, r = required * 4;
  const key = o === (o & 255) && r === (r & 255) ? ((rate.index * 256 + o) * 256 + r) * 2 + (worthIt ? 1 : 0) : `${rate.index} ${overlap} ${required} ${worthIt}`;
  let advice = memo.get(key);
  if (advice === undefined) {
    if (memo.size > 5000) memo.clear();
    memo.set(key, (advice = advise(row, t, check, rate, overlap, required, worthIt)));
  }
  return advice;
}

function advise(row: VendorRow, t: Tables, check: LocationCheck, rate: WorkRate, overlap: number, required: number, worthIt: boolean): Advice {
  const a = t.a;
  const closable = required - overlap <= a.shiftToleranceHours;
  const verdict: FitVerdict = overlap >= required ? "Benefit" : closable && worthIt ? "Trade-off" : "Blocker";
  if (required <= 0) {
    return {
      verdict,
      recommended: "Offshore",
      reason:
        row.locationModel === "Offshore"
          ? "The work runs asynchronously, so a distant time zone costs no collaboration and extends coverage; offshore delivery fits and gives the most cost leverage."
          : "The work runs asynchronously, so a distant time zone costs no collaboration and extends coverage; offshore gives the most cost leverage.",
    };
  }
  if (overlap >= required) {
    const recommended = row.locationModel;
    return { verdict, recommended, reason: `${hoursText(overlap)} of shared working hours meet the ${hoursText(required)} this work needs; ${recommended.toLowerCase()} delivery fits.` };
  }
  const where = check.where;
  const recommended = closerThan(row, where, check.conflict);
  const workType = rate.workType;
  const gap = required - overlap;
  const short = `${hoursText(overlap)} of shared hours fall ${hoursText(gap)} short of the ${hoursText(required)} needed`;
  const mislabelled = check.conflict ? ` The row says ${row.locationModel.toLowerCase()}, but the vendor's clock reads as ${where.derived!.toLowerCase()}.` : "";
  const remedy =
    recommended === ""
      ? "no location model gives more overlap than where this vendor works: agree vendor hours that overlap yours (the Vendor hours column)"
      : `${recommended.toLowerCase()} delivery (${recommended === "Onshore" ? "a vendor in your country" : `a vendor within ${hoursText(a.nearshoreMaxClockHours)} of your clock`}) gives the overlap this work needs`;
  const reason =
    (verdict === "Blocker" && closable
      ? `${short}; a shifted day could close it, but the effective rate is less than ${Math.round(a.minTradeOffLeverage * 100)}% below the onshore reference rate for ${workType.toLowerCase()} (${Number(rate.rate.toFixed(2))} an hour), too little saving to carry the gap; ${remedy}.`
      : verdict === "Trade-off"
      ? `${short}; a shifted vendor day can close it, or ${remedy}.`
      : `${short}, more than a shifted day closes; ${remedy}.`) + mislabelled;
  return { verdict, recommended, reason };
}

/** Advice slots per location check in a Spot: by required overlap's slot, kind of work and whether the saving pays for a trade-off. */
const ADVICE_SLOTS = LEVEL_WORDS.length * LEVEL_WORDS.length * SENSITIVITY_WORDS.length * WORK_TYPES.length * 2;

/**
 * Fit of a row given its overlap and its effective hourly rate (total cost / hours); `cats`:
 * categoriesOf(row), `spot`: spotOf(row, t), when the caller has them already.
 */
export function fitFrom(row: VendorRow, t: Tables, overlap: number, effectiveHourlyRate: number, cats = categoriesOf(row), spot?: Spot): LocationFit {
  const a = t.a;
  const required = requiredOf(row, t, cats);
  const score = required <= 0 ? 100 : 100 * Math.min(1, overlap / required);
  const rate = workRateOf(row.workType, t);
  const costLeverage = 1 - effectiveHourlyRate / rate.rate;
  const worthIt = costLeverage >= a.minTradeOffLeverage;
  const basis = row.locationModelBasis;
  let check: LocationCheck;
  let advice: Advice;
  if (spot !== undefined && cats >= 0 && spot.country === row.country) {
    // The label's position from categoriesOf, the basis's by comparison: array reads, no keyed lookup.
    const at = ((cats >> B.location) & 7) * 3 + (basis === undefined || basis === "given" ? 0 : basis === "derived" ? 1 : 2);
    check = spot.checks[at] ?? (spot.checks[at] = locationCheck(row.country, row.timeZone, row.locationModel, basis ?? "given", a));
    if (overlap === spot.overlap) {
      const slots = spot.advice[at] ?? (spot.advice[at] = new Array<Advice | undefined>(ADVICE_SLOTS).fill(undefined));
      const slot = (requiredSlot(cats) * WORK_TYPES.length + rate.index) * 2 + (worthIt ? 1 : 0);
      advice = slots[slot] ?? (slots[slot] = advise(row, t, check, rate, overlap, required, worthIt));
    } else advice = adviceFor(row, t, check, rate, overlap, required, worthIt);
  } else {
    check = locationCheck(row.country, row.timeZone, row.locationModel, basis ?? "given", a);
    advice = adviceFor(row, t, check, rate, overlap, required, worthIt);
  }
  return {
    overlapHours: overlap,
    requiredOverlapHours: required,
    score,
    verdict: advice.verdict,
    recommendedLocationModel: advice.recommended,
    reason: advice.reason,
    costLeverage,
    workType: rate.workType,
    onshoreReferenceRate: rate.rate,
    locationCheck: check.text,
    locationConflict: check.conflict,
  };
}
