// The model reads the hourly rate column as a price per hour and multiplies it by Hours. A
// column headed as a price per day, week, month or year fed into it overstates labour by the
// length of that period in hours, with no error: the header is the only clue, so it is read.

import { FIELD_BY_KEY } from "./fields";

const PERIODS: readonly { readonly period: string; readonly words: RegExp }[] = [
  { period: "day", words: /\b(day|days|daily|diem|pd)\b|\/\s*d\b/ },
  { period: "week", words: /\b(week|weeks|weekly|pw)\b|\/\s*wk?\b/ },
  { period: "month", words: /\b(month|months|monthly|pm)\b|\/\s*mo(nth)?\b/ },
  { period: "year", words: /\b(year|years|yearly|annual|annually|annum|pa)\b|\/\s*yr?\b/ },
];

/** The period other than an hour that a rate column's header names ("Day rate": "day"), or null. */
export function ratePeriodOf(header: string): string | null {
  const text = header.toLowerCase();
  // "Rate per hour (day shift)" is still per hour: a header naming the hour is taken at its word.
  if (/\b(hour|hours|hourly|hr|hrs|h)\b|\/\s*h\b/.test(text)) return null;
  return PERIODS.find((p) => p.words.test(text))?.period ?? null;
}

/** A warning for a column mapped as the hourly rate whose header names another period, else null. */
export function rateUnitWarning(header: string): string | null {
  const period = ratePeriodOf(header);
  if (!period) return null;
  const field = FIELD_BY_KEY.hourlyRate.header;
  return `'${header}' feeds ${field}, but its header reads as a price per ${period}. The add-in multiplies ${field} by Hours, so a price per ${period} overstates the labour cost by the hours in a ${period}. If the cells hold a price per ${period}, divide them by the hours in a ${period} (in a column of their own) and map that column instead.`;
}
