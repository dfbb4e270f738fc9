/*
 * Location model from where the vendor works. B = the buyer's zone, V = the vendor's zone,
 * clock = hours between their clocks on the reference date (daylight saving included), the
 * shorter way round the clock.
 *
 *   vendor country = <Country>, else the country V belongs to (tz database zone table)
 *   buyer country  = the country B belongs to ("" for a UTC offset such as UTC-05:00)
 *   derived        = Onshore   when both countries are known and equal
 *                    Nearshore when clock <= [Nearshore clock difference, maximum (hours)]
 *                    Offshore  otherwise
 *
 * A row without Location model is costed as derived; a row without Country or Time zone too
 * has nothing to derive from and is costed Offshore, the costliest reading. A typed label is
 * costed as typed, and flagged when it differs from the derived one; where either country is
 * unknown, Onshore and Nearshore cannot be told apart, so each is consistent with the other.
 */
import type { LocationModel, LocationModelBasis } from "./types";
import type { Assumptions } from "./assumptions";
import { referenceDateOf } from "./reference";
import { utcOffsetHoursOn, zoneCountry, type CalendarDate } from "./zones";
import { hoursText } from "./tables";

export interface VendorLocation {
  /** Undefined when the row gives neither Country nor Time zone. */
  readonly derived: LocationModel | undefined;
  readonly vendorCountry: string;
  readonly buyerCountry: string;
  /** Hours between the two clocks on the reference date. */
  readonly clockHours: number;
}

const NOWHERE: VendorLocation = Object.freeze({ derived: undefined, vendorCountry: "", buyerCountry: "", clockHours: NaN });

/** A place's location check for one label and basis: whether the label contradicts the place, and the sentence. */
export interface LocationCheck {
  readonly where: VendorLocation;
  readonly conflict: boolean;
  readonly text: string;
  /** What the location fit keeps for this check (its advice), held here so a row finds it without a lookup. */
  readonly memo: Map<number | string, unknown>;
}

interface Place {
  readonly where: VendorLocation;
  /** By label, then basis: three labels and three bases, so per row a pair of property reads. */
  readonly checks: Partial<Record<LocationModel, Partial<Record<LocationModelBasis, LocationCheck>>>>;
}

interface Cache {
  serial: number;
  size: number;
  /** By Country, then Time zone: the row's own strings are the keys, so no key is built per row. */
  readonly byCountry: Map<string, Map<string, Place>>;
}
const caches = new WeakMap<Assumptions, Cache>();
// The cache last asked for, as tablesFor keeps its tables: one comparison per row instead of a weak map lookup.
let lastA: Assumptions | undefined;
let lastCache: Cache | undefined;

function placeOf(country: string, timeZone: string, a: Assumptions): Place {
  const date = referenceDateOf(a);
  const serial = date.year * 10000 + date.month * 100 + date.day;
  let cache = a === lastA ? lastCache : caches.get(a);
  if (cache === undefined) caches.set(a, (cache = { serial, size: 0, byCountry: new Map() }));
  lastA = a;
  lastCache = cache;
  if (cache.serial !== serial) {
    cache.serial = serial;
    cache.size = 0;
    cache.byCountry.clear();
  }
  let byZone = cache.byCountry.get(country);
  if (byZone === undefined) cache.byCountry.set(country, (byZone = new Map()));
  let place = byZone.get(timeZone);
  if (place === undefined) {
    if (cache.size > 4096) {
      cache.size = 0;
      cache.byCountry.clear();
      cache.byCountry.set(country, byZone);
    }
    place = { where: country === "" && timeZone === "" ? NOWHERE : locate(country, timeZone, date, a), checks: {} };
    byZone.set(timeZone, place);
    cache.size++;
  }
  return place;
}

function locate(country: string, timeZone: string, date: CalendarDate, a: Assumptions): VendorLocation {
  const zone = timeZone === "" ? a.buyerTimeZone : timeZone;
  const vendorCountry = country !== "" ? country : zoneCountry(zone);
  const buyerCountry = zoneCountry(a.buyerTimeZone);
  const difference = Math.abs(utcOffsetHoursOn(zone, date) - utcOffsetHoursOn(a.buyerTimeZone, date)) % 24;
  const clockHours = Math.min(difference, 24 - difference);
  const derived: LocationModel =
    vendorCountry !== "" && vendorCountry === buyerCountry ? "Onshore" : clockHours <= a.nearshoreMaxClockHours ? "Nearshore" : "Offshore";
  return Object.freeze({ derived, vendorCountry, buyerCountry, clockHours });
}

/** Where the vendor works against the buyer, and the location model that follows. */
export function vendorLocation(country: string, timeZone: string, a: Assumptions): VendorLocation {
  return placeOf(country, timeZone, a).where;
}

/**
 * Where the vendor works, whether a given label contradicts it, and the location check
 * sentence: one lookup per row, as every part depends only on the place, label and basis.
 */
export function locationCheck(country: string, timeZone: string, label: LocationModel, basis: LocationModelBasis, a: Assumptions): LocationCheck {
  const place = placeOf(country, timeZone, a);
  let byBasis = place.checks[label];
  if (byBasis === undefined) place.checks[label] = byBasis = {};
  let check = byBasis[basis];
  if (check === undefined) {
    const where = place.where;
    byBasis[basis] = check = Object.freeze({ where, conflict: basis === "given" && contradicts(label, where), text: checkText(label, basis, where, a), memo: new Map() });
  }
  return check;
}

/** True when a typed label contradicts where the vendor works. */
export function contradicts(label: LocationModel, where: VendorLocation): boolean {
  const derived = where.derived;
  if (derived === undefined || derived === label) return false;
  const countriesKnown = where.vendorCountry !== "" && where.buyerCountry !== "";
  if (!countriesKnown && label !== "Offshore" && derived !== "Offshore") return false;
  return true;
}

function placeText(where: VendorLocation): string {
  const clock = where.clockHours === 0 ? "on your clock" : `${hoursText(where.clockHours)} from your clock`;
  return where.vendorCountry !== "" ? `the vendor works in ${where.vendorCountry}, ${clock}` : `the vendor works ${clock}`;
}

/** One sentence: where the location model came from, and whether the vendor's zone agrees. */
function checkText(label: LocationModel, basis: LocationModelBasis, where: VendorLocation, a: Assumptions): string {
  const band = `nearshore is another country within ${hoursText(a.nearshoreMaxClockHours)}`;
  if (basis === "default") return "Offshore by default: the row gives no Location model, Country or Time zone, so the costliest location is assumed.";
  if (basis === "derived") return `${label}, derived: no Location model given; ${placeText(where)} (same country is onshore; ${band}).`;
  if (where.derived === undefined) return `${label} as given; the row gives no Country or Time zone to check it against.`;
  if (contradicts(label, where))
    return `Check the Location model: the row says ${label}, but ${placeText(where)}, which reads as ${where.derived} (same country is onshore; ${band}); costed as ${label}.`;
  return `${label} as given, consistent with where the vendor works: ${placeText(where).replace(/^the vendor works (?:in )?/, "")}.`;
}
