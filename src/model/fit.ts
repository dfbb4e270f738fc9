/*
 * Location fit. O = overlap hours (computed from the time zones, given to the formula).
 *
 *   need      = [Overlap need (<Collaboration intensity> collaboration)]
 *   required  = need + [Overlap extra (<Urgency> urgency)] + [Overlap extra (<Data sensitivity> data)]
 *   score     = IF(required <= 0, 100, 100 * MIN(1, O / required))
 *   verdict   = IF(O >= required, "Benefit",
 *                 IF(required - O <= [Overlap gap a shift can close (hours)], "Trade-off", "Blocker"))
 *
 * Work that needs no live overlap is a Benefit however far away the vendor is: the time-zone
 * spread extends coverage (seed 002, "extended coverage"). The recommended location model
 * is advice text, not part of the portable formulas.
 */
import type { FitVerdict, LocationFit, LocationModel, VendorRow } from "./types";
import type { Assumptions } from "./assumptions";
import { hoursText, memoText, tablesFor, type Tables } from "./tables";
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
  const zone = row.timeZone === "" ? a.buyerTimeZone : row.timeZone;
  return overlapHours(a.buyerTimeZone, zone, referenceDateOf(a), [a.buyerWorkdayStart, a.buyerWorkdayEnd], [a.vendorWorkdayStart, a.vendorWorkdayEnd]);
}

export function fitFrom(row: VendorRow, t: Tables, overlap: number): LocationFit {
  const required = requiredOverlap(row, t);
  const score = required <= 0 ? 100 : 100 * Math.min(1, overlap / required);
  const verdict: FitVerdict = overlap >= required ? "Benefit" : required - overlap <= t.a.shiftToleranceHours ? "Trade-off" : "Blocker";
  let recommended: LocationModel;
  let reason: string;
  if (required <= 0) {
    recommended = "Offshore";
    reason = memoText(t, "fit|async", () => "The work runs asynchronously, so a distant time zone costs no collaboration and extends coverage; offshore gives the most cost leverage.");
  } else if (overlap >= required) {
    recommended = row.locationModel;
    reason = memoText(t, `fit|meets|${overlap}|${required}|${recommended}`, () => `${hoursText(overlap)} of shared working hours meet the ${hoursText(required)} this work needs; ${recommended.toLowerCase()} delivery fits.`);
  } else {
    recommended = row.locationModel === "Offshore" ? "Nearshore" : "Onshore";
    const gap = required - overlap;
    reason = memoText(t, `fit|short|${overlap}|${required}|${recommended}|${verdict}`, () =>
      verdict === "Trade-off"
        ? `${hoursText(overlap)} of shared hours fall ${hoursText(gap)} short of the ${hoursText(required)} needed; a shifted vendor day can close it, or ${recommended.toLowerCase()} delivery avoids it.`
        : `${hoursText(overlap)} of shared hours fall ${hoursText(gap)} short of the ${hoursText(required)} needed, more than a shifted day closes; ${recommended.toLowerCase()} delivery gives the overlap this work needs.`,
    );
  }
  return { overlapHours: overlap, requiredOverlapHours: required, score, verdict, recommendedLocationModel: recommended, reason };
}

/** Location fit of one row: overlap against the need set by collaboration, urgency and data sensitivity. */
export function locationFit(row: VendorRow, a: Assumptions): LocationFit {
  return fitFrom(row, tablesFor(a), rowOverlapHours(row, a));
}
