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
import type { FitVerdict, LocationFit, LocationModel, VendorRow } from "./types";
import type { Assumptions } from "./assumptions";
import { pascal } from "./assumptions";
import { contradicts, locationCheckText, vendorLocation, type VendorLocation } from "./location";
import { workTypeOf } from "./worktype";
import { get3, hoursText, memo, put3, tablesFor, type Tables } from "./tables";
import { overlapHours } from "./zones";
import { referenceDateOf } from "./reference";

/** Overlap hours the row's work needs: collaboration need, raised by urgency and data sensitivity. */
export function requiredOverlap(row: VendorRow, t: Tables): number {
  return t.overlapNeed[row.collaborationIntensity] + t.overlapExtraUrgency[row.urgency] + t.overlapExtraSensitivity[row.dataSensitivity];
}

/** Overlap hours the row needs under these assumptions. */
export function requiredOverlapHours(row: VendorRow, a: Assumptions): number {
  return requiredOverlap(row, tablesFor(a));
}

/** The row's working-hours overlap with the buyer on the reference date. */
export function rowOverlapHours(row: VendorRow, a: Assumptions): number {
  const t = tablesFor(a);
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

/** The onshore reference hourly rate for a kind of work: median wage times the loaded-cost multiplier. */
export function onshoreReferenceRate(workType: string, a: Assumptions): number {
  const kind = workTypeOf(workType);
  let rates = referenceRates.get(a);
  if (rates === undefined) referenceRates.set(a, (rates = new Map()));
  let rate = rates.get(kind);
  if (rate === undefined) {
    rate = (a as unknown as Record<string, number>)[`onshoreWage${pascal(kind)}`] * a.onshoreLoadedCostMultiplier;
    rates.set(kind, rate);
  }
  return rate;
}
/** Reference rate by kind of work, per assumptions object (assumptions objects are immutable). */
const referenceRates = new WeakMap<Assumptions, Map<string, number>>();

const CLOSER: Readonly<Record<LocationModel, LocationModel | "">> = { Offshore: "Nearshore", Nearshore: "Onshore", Onshore: "" };

/** One step closer than where the vendor works (its zone when known, else its label), skipping its own label. */
function closerThan(row: VendorRow, where: VendorLocation, conflict: boolean): LocationModel | "" {
  const actual = where.derived !== undefined && conflict ? where.derived : row.locationModel;
  const step = CLOSER[actual];
  return step === row.locationModel ? CLOSER[step] : step;
}

/** Fit of a row given its overlap and its effective hourly rate (total cost / hours). */
export function fitFrom(row: VendorRow, t: Tables, overlap: number, effectiveHourlyRate: number): LocationFit {
  const a = t.a;
  const required = requiredOverlap(row, t);
  const score = required <= 0 ? 100 : 100 * Math.min(1, overlap / required);
  const workType = workTypeOf(row.workType);
  const reference = onshoreReferenceRate(row.workType, a);
  const costLeverage = 1 - effectiveHourlyRate / reference;
  const closable = required - overlap <= a.shiftToleranceHours;
  const worthIt = costLeverage >= a.minTradeOffLeverage;
  const verdict: FitVerdict = overlap >= required ? "Benefit" : closable && worthIt ? "Trade-off" : "Blocker";
  const basis = row.locationModelBasis ?? "given";
  const where = vendorLocation(row.country, row.timeZone, a);
  const locationConflict = basis === "given" && contradicts(row.locationModel, where);
  const locationCheck = locationCheckText(row.locationModel, basis, where, a);
  let recommended: LocationModel | "";
  let reason: string;
  if (required <= 0) {
    recommended = "Offshore";
    reason =
      row.locationModel === "Offshore"
        ? "The work runs asynchronously, so a distant time zone costs no collaboration and extends coverage; offshore delivery fits and gives the most cost leverage."
        : "The work runs asynchronously, so a distant time zone costs no collaboration and extends coverage; offshore gives the most cost leverage.";
  } else if (overlap >= required) {
    recommended = row.locationModel;
    const m = memo(t, 30);
    reason = get3(m, overlap, required, recommended) ?? put3(m, overlap, required, recommended, `${hoursText(overlap)} of shared working hours meet the ${hoursText(required)} this work needs; ${recommended.toLowerCase()} delivery fits.`);
  } else {
    recommended = closerThan(row, where, locationConflict);
    const m = memo(t, verdict === "Blocker" && closable ? 32 : verdict === "Trade-off" ? 31 : 33);
    const memoKey = recommended + "|" + row.locationModel + "|" + (locationConflict ? where.derived : "") + "|" + workType;
    const cached = get3(m, overlap, required, memoKey);
    if (cached !== undefined) reason = cached;
    else {
      // Built only when this combination has no text yet: per row it would dominate the model's time.
      const gap = required - overlap;
      const short = `${hoursText(overlap)} of shared hours fall ${hoursText(gap)} short of the ${hoursText(required)} needed`;
      const mislabelled = locationConflict ? ` The row says ${row.locationModel.toLowerCase()}, but the vendor's clock reads as ${where.derived!.toLowerCase()}.` : "";
      const remedy =
        recommended === ""
          ? "no location model gives more overlap than where this vendor works: agree vendor hours that overlap yours (the Vendor hours column)"
          : `${recommended.toLowerCase()} delivery (${recommended === "Onshore" ? "a vendor in your country" : `a vendor within ${hoursText(a.nearshoreMaxClockHours)} of your clock`}) gives the overlap this work needs`;
      reason = put3(m, overlap, required, memoKey,
        (verdict === "Blocker" && closable
          ? `${short}; a shifted day could close it, but the effective rate is less than ${Math.round(a.minTradeOffLeverage * 100)}% below the onshore reference rate for ${workType.toLowerCase()} (${Number(reference.toFixed(2))} an hour), too little saving to carry the gap; ${remedy}.`
          : verdict === "Trade-off"
          ? `${short}; a shifted vendor day can close it, or ${remedy}.`
          : `${short}, more than a shifted day closes; ${remedy}.`) + mislabelled);
    }
  }
  return { overlapHours: overlap, requiredOverlapHours: required, score, verdict, recommendedLocationModel: recommended, reason, costLeverage, workType, onshoreReferenceRate: reference, locationCheck, locationConflict };
}
