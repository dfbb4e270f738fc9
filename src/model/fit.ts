/*
 * Location fit. O = overlap hours (computed from the time zones, given to the formula).
 *
 *   need      = [Overlap need (<Collaboration intensity> collaboration)]
 *   required  = need + [Overlap extra (<Urgency> urgency)] + [Overlap extra (<Data sensitivity> data)]
 *   score     = IF(required <= 0, 100, 100 * MIN(1, O / required))
 *   leverage  = 1 - effective hourly rate / [Onshore reference hourly rate]
 *   verdict   = IF(O >= required, "Benefit",
 *                 IF(AND(required - O <= [Overlap gap a shift can close (hours)],
 *                        leverage >= [Minimum cost leverage for a trade-off]), "Trade-off", "Blocker"))
 *
 * A shortfall a shifted day can close is a manageable trade-off only when the vendor saves
 * enough to pay for the inconvenience (the buyer's guide "Offshore Outsourcing Explained" weighs the gap against cost leverage): the
 * effective hourly rate (total cost / hours, hidden costs included) against the onshore rate.
 * Work that needs no live overlap is a Benefit however far away the vendor is: the time-zone
 * spread extends coverage (the same guide's "extended coverage"). The recommended location model
 * is advice text, not part of the portable formulas.
 */
import type { FitVerdict, LocationFit, LocationModel, VendorRow } from "./types";
import type { Assumptions } from "./assumptions";
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
  let hours = t.overlapByZone.get(zone);
  if (hours === undefined) {
    hours = overlapHours(a.buyerTimeZone, zone, date, [a.buyerWorkdayStart, a.buyerWorkdayEnd], [a.vendorWorkdayStart, a.vendorWorkdayEnd]);
    t.overlapByZone.set(zone, hours);
  }
  return hours;
}

/** Fit of a row given its overlap and its effective hourly rate (total cost / hours). */
export function fitFrom(row: VendorRow, t: Tables, overlap: number, effectiveHourlyRate: number): LocationFit {
  const required = requiredOverlap(row, t);
  const score = required <= 0 ? 100 : 100 * Math.min(1, overlap / required);
  const costLeverage = 1 - effectiveHourlyRate / t.a.onshoreReferenceRate;
  const closable = required - overlap <= t.a.shiftToleranceHours;
  const worthIt = costLeverage >= t.a.minTradeOffLeverage;
  const verdict: FitVerdict = overlap >= required ? "Benefit" : closable && worthIt ? "Trade-off" : "Blocker";
  let recommended: LocationModel;
  let reason: string;
  if (required <= 0) {
    recommended = "Offshore";
    reason = "The work runs asynchronously, so a distant time zone costs no collaboration and extends coverage; offshore gives the most cost leverage.";
  } else if (overlap >= required) {
    recommended = row.locationModel;
    const m = memo(t, 30);
    reason = get3(m, overlap, required, recommended) ?? put3(m, overlap, required, recommended, `${hoursText(overlap)} of shared working hours meet the ${hoursText(required)} this work needs; ${recommended.toLowerCase()} delivery fits.`);
  } else {
    recommended = row.locationModel === "Offshore" ? "Nearshore" : "Onshore";
    const gap = required - overlap;
    const m = memo(t, 31);
    const slot = verdict === "Blocker" && closable ? memo(t, 32) : m;
    reason = get3(slot, overlap, required, recommended) ?? put3(slot, overlap, required, recommended,
      verdict === "Blocker" && closable
        ? `${hoursText(overlap)} of shared hours fall ${hoursText(gap)} short of the ${hoursText(required)} needed; a shifted day could close it, but the effective rate is less than ${Math.round(t.a.minTradeOffLeverage * 100)}% below the onshore reference rate, too little saving to carry the gap; ${recommended.toLowerCase()} delivery avoids it.`
        : verdict === "Trade-off"
        ? `${hoursText(overlap)} of shared hours fall ${hoursText(gap)} short of the ${hoursText(required)} needed; a shifted vendor day can close it, or ${recommended.toLowerCase()} delivery avoids it.`
        : `${hoursText(overlap)} of shared hours fall ${hoursText(gap)} short of the ${hoursText(required)} needed, more than a shifted day closes; ${recommended.toLowerCase()} delivery gives the overlap this work needs.`);
  }
  return { overlapHours: overlap, requiredOverlapHours: required, score, verdict, recommendedLocationModel: recommended, reason, costLeverage };
}
