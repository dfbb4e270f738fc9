// Cell values to typed values. Only unambiguous spellings are accepted: "1,200" is twelve
// hundred, "$45", "45/h" and "18%" are what they say; "€ 1.200" (European thousands) and
// "1.200,50" are rejected rather than guessed, because a wrong guess would be silent.
import type { CellValue, DataSensitivity, EngagementModel, Level, LocationModel, PricingModel } from "./types";
import { ENGAGEMENT_MODELS, LEVELS, LOCATION_MODELS, PRICING_MODELS, SENSITIVITIES } from "./types";

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Longest piece of a cell's text an error message quotes: messages land in cells, notes and formulas' results. */
export const QUOTED_TEXT_LIMIT = 80;

/** A cell's text as a message shows it: cut short, with an ellipsis, when long. */
export function shortenedText(text: string): string {
  return text.length <= QUOTED_TEXT_LIMIT ? text : `${Array.from(text).slice(0, QUOTED_TEXT_LIMIT).join("")}…`;
}

/** A cell's text as a message quotes it: in quotes, cut short (with its length) when long. */
export function quotedText(text: string): string {
  if (text.length <= QUOTED_TEXT_LIMIT) return `'${text}'`;
  return `'${shortenedText(text)}' (${text.length.toLocaleString("en-US")} characters)`;
}

/** Empty, null, undefined or only spaces. */
export function isBlank(value: CellValue): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

// Optional currency prefix, digits with optional comma thousands groups, optional decimals,
// optional percent or per-unit suffix. Anything else is not a number.
const NUMBER_TEXT =
  /^(?:[$€£¥₹]|usd|eur|gbp|inr)?\s*(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?\s*(%|\/\s*(?:h|hr|hour|month|mo)|per\s+(?:hour|month)|h|hrs?|hours?|months?|mos?)?$/i;

export interface NumberText {
  readonly value: number;
  /** The text ended in "%": the caller decides what a percent means for its field. */
  readonly percent: boolean;
}

/** A finite number from a number cell or an unambiguous number text. */
export function parseNumberCell(value: CellValue): Parsed<NumberText> {
  if (typeof value === "number") {
    return Number.isFinite(value) ? { ok: true, value: { value, percent: false } } : { ok: false, reason: "is not a finite number" };
  }
  if (typeof value !== "string") return { ok: false, reason: "must be a number" };
  const text = value.trim();
  const m = NUMBER_TEXT.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined)) {
    if (/^-\s*[$€£¥₹]?\s*\d/.test(text)) return { ok: false, reason: "must not be negative" };
    return { ok: false, reason: "must be a number" };
  }
  // "1.200" is twelve hundred in much of Europe and 1.2 elsewhere: refuse to guess.
  if (m[1] !== undefined && /^[1-9]\d{0,2}$/.test(m[1]) && m[2] !== undefined && m[2].length === 4) {
    return { ok: false, reason: `is ambiguous (thousands or decimals?); write ${m[1]}${m[2].slice(1)} or ${Number(m[1] + m[2])}` };
  }
  const digits = (m[1] ?? "0").replace(/,/g, "") + (m[2] ?? "");
  const n = Number(digits);
  if (!Number.isFinite(n)) return { ok: false, reason: "is not a finite number" };
  return { ok: true, value: { value: n, percent: m[3] === "%" } };
}

/**
 * The one rule for every percentage input (Attrition, the percent assumptions): "18%" is
 * 18%; a number of 1 or more is a number of percent (18 is 18%, 1 is 1%, 1.5 is 1.5%); a
 * number below 1 is a fraction (0.18 is 18%). Excel's own percent entry reads typed numbers
 * the same way. Returns the fraction.
 */
export function percentFraction(number: NumberText): number {
  return number.percent || number.value >= 1 ? number.value / 100 : number.value;
}

/**
 * A percentage on the assumptions sheet, whose percentage cells the add-in formats as
 * percentages: there Excel stores what the buyer typed as a fraction (100% is 1, 150% is
 * 1.5), so a number is a fraction, unless it is too large to be one within the assumption's
 * range (`max`, as a fraction): then it is a number of percent, by the rule above (18 is 18%).
 * Reading 1 as 1% there would turn a cell showing 100% into 1%.
 */
export function assumptionPercentFraction(number: NumberText, max: number): number {
  return number.percent || number.value > max ? number.value / 100 : number.value;
}

const TRUE_WORDS = new Set(["yes", "y", "true", "1", "x"]);
const FALSE_WORDS = new Set(["no", "n", "false", "0"]);

export function parseBooleanCell(value: CellValue): Parsed<boolean> {
  if (typeof value === "boolean") return { ok: true, value };
  if (typeof value === "number") {
    if (value === 1) return { ok: true, value: true };
    if (value === 0) return { ok: true, value: false };
    return { ok: false, reason: "must be yes or no" };
  }
  const text = String(value).trim().toLowerCase();
  if (TRUE_WORDS.has(text)) return { ok: true, value: true };
  if (FALSE_WORDS.has(text)) return { ok: true, value: false };
  return { ok: false, reason: "must be yes or no" };
}

/** Key for category words: case, spacing, punctuation ignored; "&" reads as "and". */
export function categoryKey(text: string): string {
  return text.toLowerCase().replace(/&/g, "and").replace(/[^a-z0-9]+/g, "");
}

export interface CategoryVocabulary<T extends string> {
  readonly accepted: readonly T[];
  lookup(text: string): T | undefined;
}

function vocabulary<T extends string>(accepted: readonly T[], synonyms: Record<string, T>): CategoryVocabulary<T> {
  const table = new Map<string, T>();
  // Exact spellings first: most cells hold the canonical word, and skipping normalisation
  // for them keeps a 100,000-row table fast.
  const exact = new Map<string, T>();
  for (const word of accepted) {
    table.set(categoryKey(word), word);
    exact.set(word, word);
    exact.set(word.toLowerCase(), word);
  }
  for (const [word, target] of Object.entries(synonyms)) table.set(categoryKey(word), target);
  return { accepted, lookup: (text) => exact.get(text) ?? table.get(categoryKey(text)) };
}

export const LOCATION_WORDS: CategoryVocabulary<LocationModel> = vocabulary(LOCATION_MODELS, {
  "on-shore": "Onshore", domestic: "Onshore", local: "Onshore", "in-country": "Onshore", onsite: "Onshore",
  "near-shore": "Nearshore", nearby: "Nearshore", "off-shore": "Offshore", global: "Offshore", remote: "Offshore",
});

export const ENGAGEMENT_WORDS: CategoryVocabulary<EngagementModel> = vocabulary(ENGAGEMENT_MODELS, {
  "staff aug": "Staff augmentation", "staff augmentation": "Staff augmentation", augmentation: "Staff augmentation",
  "team augmentation": "Staff augmentation", staffing: "Staff augmentation", "staff augmentation (T&M)": "Staff augmentation",
  dedicated: "Dedicated team", "dedicated team": "Dedicated team", "dedicated development team": "Dedicated team", ODC: "Dedicated team",
  "offshore development center": "Dedicated team", "offshore development centre": "Dedicated team",
  "fixed scope": "Project", "project (fixed scope)": "Project", "fixed-scope project": "Project", "project-based": "Project", "project based": "Project",
  managed: "Managed service", "managed services": "Managed service",
  "business process outsourcing": "BPO",
  outcome: "Outcome-based", "outcome based": "Outcome-based", "payment by results": "Outcome-based",
});

export const PRICING_WORDS: CategoryVocabulary<PricingModel> = vocabulary(PRICING_MODELS, {
  "T&M": "Time and materials", TM: "Time and materials", "T and M": "Time and materials", "time and material": "Time and materials",
  "time & materials": "Time and materials", hourly: "Time and materials", "time-and-materials": "Time and materials",
  fixed: "Fixed price", "fixed-price": "Fixed price", "fixed fee": "Fixed price", "fixed bid": "Fixed price", "lump sum": "Fixed price", "fixed scope": "Fixed price",
  "capacity-based": "Capacity", "capacity based": "Capacity", FTE: "Capacity", "per FTE": "Capacity", "per FTE-month": "Capacity", "FTE-month": "Capacity", retainer: "Capacity",
  output: "Output-based", "output based": "Output-based", "per unit": "Output-based", "unit price": "Output-based", "per transaction": "Output-based", "unit-based": "Output-based",
  outcome: "Outcome-based", "outcome based": "Outcome-based", "payment by results": "Outcome-based", gainshare: "Outcome-based",
});

const LEVEL_SYNONYMS: Record<string, Level> = { lo: "Low", med: "Medium", mid: "Medium", moderate: "Medium", hi: "High" };
export const LEVEL_WORDS: CategoryVocabulary<Level> = vocabulary(LEVELS, LEVEL_SYNONYMS);
export const CLARITY_WORDS: CategoryVocabulary<Level> = vocabulary(LEVELS, {
  ...LEVEL_SYNONYMS, unclear: "Low", vague: "Low", clear: "High", "well defined": "High", defined: "High",
});
export const COLLABORATION_WORDS: CategoryVocabulary<Level> = vocabulary(LEVELS, {
  ...LEVEL_SYNONYMS, async: "Low", asynchronous: "Low", daily: "High", "real-time": "High", realtime: "High", live: "High",
});
export const SENSITIVITY_WORDS: CategoryVocabulary<DataSensitivity> = vocabulary(SENSITIVITIES, {
  open: "Public", none: "Public", "internal only": "Internal", sensitive: "Confidential", restricted: "Confidential", secret: "Confidential",
  "highly regulated": "Regulated",
});
