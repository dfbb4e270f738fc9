// The date overlap is computed for: the Reference date assumption, or today (UTC) when it
// is 0, so that a long-open workbook moves to the new day rather than keeping a stale one.
import type { Assumptions } from "./assumptions";
import { excelSerialToDate, type CalendarDate } from "./zones";

let lastSerial = NaN;
let lastDate: CalendarDate = { year: 1970, month: 1, day: 1 };

export function referenceDateOf(a: Assumptions): CalendarDate {
  const serial = a.referenceDate > 0 ? a.referenceDate : Math.floor(Date.now() / 86_400_000) + 25569;
  if (serial !== lastSerial) {
    lastSerial = serial;
    lastDate = excelSerialToDate(serial);
  }
  return lastDate;
}
