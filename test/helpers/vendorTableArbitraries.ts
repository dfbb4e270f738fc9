// Random vendor tables for the property tests: the cells buyers and files really produce
// (garbage, extreme numbers, every kind of Unicode, text that looks like a formula, blanks)
// under header rows with duplicate, missing and merged headers, and the workbook around them.
import fc from "fast-check";
import { FIELDS } from "../../src/model/fields";
import { ENGAGEMENT_MODELS, LEVELS, LOCATION_MODELS, PRICING_MODELS, SENSITIVITIES, type CellValue } from "../../src/model/types";
import { cellAddress } from "../../src/workbook/address";
import { MemoryWorkbook } from "../../src/workbook/memory";

/** Numbers at the edges of what a double (and so a cell) can hold. */
export const EXTREME_NUMBERS: readonly number[] = [1e308, -1e308, 1.7976931348623157e308, 5e-324, -5e-324, -0, 0, 1e-300, 2 ** 53, -(2 ** 53), 1e15, 123456789012345.6];

/** Text that a careless writer would turn into a formula, a link or a command. */
export const FORMULA_LOOKING: readonly string[] = [
  '=HYPERLINK("http://example.invalid","click")',
  "=1+1",
  "+cmd|' /C calc'!A0",
  "-1+1",
  "@SUM(1)",
  "=OFFSHORE.TOTALCOST(A1:B2)",
  "#VALUE!",
  "#N/A",
  "'=quoted",
  "=",
];

/** Right-to-left scripts, emoji sequences, combining marks, invisible and control characters (no NUL). */
export const UNICODE_SAMPLES: readonly string[] = [
  "شركة البرمجيات",
  "חברת תוכנה",
  "\u202Eevil\u202C",
  "👩🏽‍💻 Devs",
  "🇮🇳🇵🇭",
  "Cafe\u0301 Ltd",
  "Z\u0351\u0352\u0353algo",
  "\u200B\u200D\uFEFF",
  "tab\there",
  "line\nbreak",
  "bell\u0007esc\u001B",
  "\u0085next line",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "Ｆｕｌｌ ｗｉｄｔｈ",
  "漢字ベンダー",
  "\uD7FF\uE000",
];

const CATEGORY_WORDS: readonly string[] = [...LOCATION_MODELS, ...ENGAGEMENT_MODELS, ...PRICING_MODELS, ...LEVELS, ...SENSITIVITIES, "yes", "no", "IN", "India", "Asia/Kolkata", "PH", "Mexico", "ISO 27001, SOC 2"];

/** Any text without NUL (a workbook cannot hold NUL). */
const anyText = fc.string({ unit: "binary", maxLength: 24 }).map((s) => s.replace(/\0/g, ""));

const numberText = fc.oneof(
  fc.integer({ min: 0, max: 5000 }).map(String),
  fc.constantFrom("1,200", "$45", "45/h", "18%", "€ 1.200", "1.200,50", "12 months", "-5", "1e308", "NaN", "Infinity", "0x1F", " 42 "),
);

/** A cell as a reader hands it over: any of the kinds above, weighted toward plausible input. */
export const garbageCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 0, max: 500, noNaN: true }) },
  { weight: 3, arbitrary: fc.constantFrom(...CATEGORY_WORDS) },
  { weight: 2, arbitrary: fc.constantFrom<CellValue>(null, "", "   ") },
  { weight: 2, arbitrary: fc.constantFrom(...EXTREME_NUMBERS) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: numberText },
  { weight: 1, arbitrary: fc.constantFrom(...FORMULA_LOOKING) },
  { weight: 1, arbitrary: fc.constantFrom(...UNICODE_SAMPLES) },
  { weight: 1, arbitrary: anyText },
  { weight: 1, arbitrary: fc.boolean() },
);

/** Mostly numbers a rate or an hour count can take, with the edges and garbage in between. */
const numericCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 2000, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(...EXTREME_NUMBERS) },
  { weight: 1, arbitrary: numberText },
  { weight: 1, arbitrary: garbageCell },
);

const NUMERIC_FIELDS = new Set(["hourlyRate", "hours", "durationMonths", "attrition"]);

const knownHeader = fc.constantFrom(...FIELDS.flatMap((f) => [f.header, ...f.synonyms]), "HOURLY RATE", " hours ", "rate (per hour)");

/** One header text, as typed. */
export const headerText: fc.Arbitrary<string> = fc.oneof(
  { weight: 18, arbitrary: knownHeader },
  { weight: 3, arbitrary: fc.constantFrom(...UNICODE_SAMPLES, ...FORMULA_LOOKING) },
  { weight: 3, arbitrary: anyText },
  { weight: 2, arbitrary: fc.constantFrom("Notes", "Column1", "Column2") },
  // An output's name over the buyer's own column: the actions must refuse, not overwrite.
  { weight: 1, arbitrary: fc.constantFrom("Total cost", "Risk score", "Location fit", "total COST") },
);

/**
 * A header cell group: a merged cell spanning `span` columns reads as its text in the first
 * cell and "" or null in the others; an unmerged blank header is a group of one blank.
 */
const headerGroup = fc.record({
  text: fc.oneof({ weight: 8, arbitrary: headerText }, { weight: 1, arbitrary: fc.constantFrom("", "  ") }),
  span: fc.oneof({ weight: 6, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 3 }) }),
  rest: fc.constantFrom<"" | null>("", null),
});

/** The documented vendor columns with numbers at the edges of a double in the numeric ones. */
export function extremeNumberTable(): fc.Arbitrary<VendorTableSpec> {
  const headers = ["Vendor", "Hourly rate", "Hours", "Duration (months)", "Attrition", "Country", "Location model"];
  const edge = fc.oneof({ weight: 3, arbitrary: fc.constantFrom<CellValue>(...EXTREME_NUMBERS) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom<CellValue>(null, "1e308", Number.MAX_VALUE) });
  const row = fc.tuple(fc.constantFrom<CellValue>("Acme", "👩🏽‍💻 Devs", "شركة"), edge, edge, edge, edge, fc.constantFrom<CellValue>("IN", "Mexico", null), fc.constantFrom<CellValue>("Offshore", "Nearshore", null));
  return fc.record({
    rows: fc.array(row, { minLength: 1, maxLength: 8 }),
    build: fc.constantFrom<"table" | "range">("table", "range"),
  }).map((s) => ({ headers, rows: s.rows, build: s.build, top: 0, left: 0 }));
}

export interface VendorTableSpec {
  /** The header row as a reader sees it (merged cells: text then ""/null). */
  readonly headers: readonly (string | null)[];
  readonly rows: readonly (readonly CellValue[])[];
  /** "table": the headers become an Excel table as they are; "range": typed cells turned into a table (blank and repeated headers renamed as Excel does). */
  readonly build: "table" | "range";
  /** Top-left corner of the header row. */
  readonly top: number;
  readonly left: number;
}

export interface TableShape {
  readonly columns?: { readonly min: number; readonly max: number };
  readonly rows?: { readonly min: number; readonly max: number };
}

function flatten(groups: readonly { text: string; span: number; rest: "" | null }[]): (string | null)[] {
  return groups.flatMap((g) => [g.text, ...Array<"" | null>(g.span - 1).fill(g.rest)]);
}

/** A random vendor table; the required headers are usually present, somewhere, so many runs reach the rows. */
export function vendorTableSpec(shape: TableShape = {}): fc.Arbitrary<VendorTableSpec> {
  const columns = shape.columns ?? { min: 1, max: 16 };
  const rows = shape.rows ?? { min: 0, max: 12 };
  return fc
    .record({
      groups: fc.array(headerGroup, { minLength: 1, maxLength: Math.max(1, Math.min(columns.max, 40)) }),
      wide: fc.integer({ min: columns.min, max: columns.max }),
      required: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      ratePosition: fc.nat(),
      hoursPosition: fc.nat(),
      rowCount: fc.integer({ min: rows.min, max: rows.max }),
      build: fc.constantFrom<"table" | "range">("table", "range"),
      top: fc.integer({ min: 0, max: 3 }),
      left: fc.integer({ min: 0, max: 3 }),
      seed: fc.nat(),
    })
    .chain((s) => {
      let headers = flatten(s.groups);
      // Wide tables: repeat the groups (duplicates included) up to the width asked for.
      while (headers.length < s.wide) headers = headers.concat(flatten(s.groups));
      headers = headers.slice(0, s.wide);
      if (s.required) {
        headers.splice(s.ratePosition % (headers.length + 1), 0, "Hourly rate");
        headers.splice(s.hoursPosition % (headers.length + 1), 0, "Hours");
      }
      const kinds = headers.map((h) => {
        const field = FIELDS.find((f) => [f.header, ...f.synonyms].some((x) => x.toLowerCase() === String(h ?? "").trim().toLowerCase()));
        return field && NUMERIC_FIELDS.has(field.key) ? numericCell : garbageCell;
      });
      // Wide tables get cheap rows: a few columns drawn, the rest blank or repeated.
      const drawn = headers.length > 200 ? 40 : headers.length;
      const row = fc.tuple(...kinds.slice(0, drawn)).map((cells) => {
        const out: CellValue[] = [...cells];
        for (let c = drawn; c < headers.length; c++) out.push(c % 7 === 0 ? cells[c % drawn] : null);
        return out;
      });
      const blankRow = fc.constantFrom<CellValue>(null, "", " ").map((blank) => headers.map(() => blank));
      const anyRow = fc.oneof({ weight: 8, arbitrary: row }, { weight: 1, arbitrary: blankRow });
      return fc.array(anyRow, { minLength: s.rowCount, maxLength: s.rowCount }).map(
        (rows): VendorTableSpec => ({ headers, rows, build: s.build, top: s.top, left: s.left }),
      );
    });
}

export const TABLE_NAME = "Quotes";
export const DATA_SHEET = "Vendor data";
export const NOTES_SHEET = "Notes";
/** A setting of the buyer's own (another add-in's, say) that no action may touch. */
export const FOREIGN_SETTING = "Other.addin.state";

/**
 * A memory workbook holding the table, with the buyer's own cells around it: above and
 * below the table, beside it on the right, and on another sheet (a formula included).
 */
export async function workbookFor(spec: VendorTableSpec): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook().addSheet(DATA_SHEET).addSheet(NOTES_SHEET);
  const { top, left } = spec;
  const width = spec.headers.length;
  wb.setCells(NOTES_SHEET, "A1", [["Buyer's notes", 42], ["=SUM(B1)", '=HYPERLINK("http://example.invalid","x")']]);
  if (top > 1) wb.setCells(DATA_SHEET, cellAddress(0, left), [["Quotes received in March"]]);
  wb.setCells(DATA_SHEET, cellAddress(top + spec.rows.length + 2, left), [["Reviewed by", "J. Buyer"]]);
  wb.setCells(DATA_SHEET, cellAddress(top + 1, left + width + 1), [["beside the table"]]);
  const headers = spec.headers.map((h) => h ?? "");
  if (spec.build === "table") {
    await wb.apply([
      { kind: "createTable", sheet: DATA_SHEET, address: cellAddress(top, left), name: TABLE_NAME, headers, rows: spec.rows.map((r) => r.map((c) => c ?? null)) },
      { kind: "setSetting", key: FOREIGN_SETTING, value: '{"keep":true}' },
    ]);
  } else {
    // Typed as a user would (text starting with "=" would become a formula; a reader never hands one over as a value, so it is typed as text).
    await wb.apply([
      { kind: "writeRange", sheet: DATA_SHEET, address: cellAddress(top, left), cells: [spec.headers.map((h) => h ?? null), ...spec.rows.map((r) => r.map((c) => (c === undefined ? null : c)))] },
      { kind: "convertRangeToTable", sheet: DATA_SHEET, address: `${cellAddress(top, left)}:${cellAddress(top + spec.rows.length, left + width - 1)}`, name: TABLE_NAME },
      { kind: "setSetting", key: FOREIGN_SETTING, value: '{"keep":true}' },
    ]);
  }
  return wb;
}

/**
 * The same table kept as a plain range (no Excel table), the selection in its header row,
 * with a cell of the buyer's `beside` columns right of it on its first data row.
 */
export async function plainRangeWorkbookFor(spec: VendorTableSpec, beside: number): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook().addSheet(DATA_SHEET).addSheet(NOTES_SHEET);
  const { top, left } = spec;
  const width = spec.headers.length;
  wb.setCells(NOTES_SHEET, "A1", [["Buyer's notes", 42], ["=SUM(B1)", '=HYPERLINK("http://example.invalid","x")']]);
  wb.setCells(DATA_SHEET, cellAddress(top + spec.rows.length + 2, left), [["Reviewed by", "J. Buyer"]]);
  wb.setCells(DATA_SHEET, cellAddress(top + 1, left + width - 1 + beside), [["the buyer's own cell"]]);
  await wb.apply([
    { kind: "writeRange", sheet: DATA_SHEET, address: cellAddress(top, left), cells: [spec.headers.map((h) => h ?? null), ...spec.rows.map((r) => r.map((c) => (c === undefined ? null : c)))] },
    { kind: "setSetting", key: FOREIGN_SETTING, value: '{"keep":true}' },
  ]);
  wb.select(DATA_SHEET, cellAddress(top, left));
  return wb;
}
