// Finding the vendor table, turning a plain range into one, and inserting the example.

import { FIELDS, mapHeaders } from "../model/fields";
import type { FieldKey } from "../model/types";
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../sample/vendors";
import { columnLetters, isValidTableName, parseCell, parseRange, rangeAddress } from "../workbook/address";
import { MAPPING_SETTING, type RegionInfo, type SheetSnapshot, type TableInfo, type WorkbookPort } from "../workbook/port";
import { messageOf, writtenBy } from "./outcome";
import { inputHeaders, parseMappingSetting, tableMemory } from "./mapping";

export interface TableCandidate {
  readonly table: TableInfo;
  /** Fields the headers name (columns mapped by hand included). */
  readonly recognised: number;
  readonly missingRequired: readonly FieldKey[];
}

export interface FindTableResult {
  /** Tables whose headers the model recognises, best match first. */
  readonly tables: readonly TableCandidate[];
  /** When no table qualifies: the block around the selection, if its headers name at least one field. */
  readonly region: RegionInfo | null;
  /** The headers a vendor table needs, for the "nothing found" message. */
  readonly expectedHeaders: readonly string[];
}

/** Ranks tables by how many fields their headers name, then by fewer missing required fields, then size. */
export async function findVendorTables(port: WorkbookPort): Promise<FindTableResult> {
  const [tables, read] = await Promise.all([port.listTables(), port.read({ settings: [MAPPING_SETTING] })]);
  const setting = parseMappingSetting(read.settings[MAPPING_SETTING]);
  const candidates = tables
    .map((table): TableCandidate => {
      const memory = tableMemory(setting, table.name);
      const map = mapHeaders(inputHeaders(table.headers, memory), memory.byHand);
      return { table, recognised: Object.keys(map.columns).length, missingRequired: map.missingRequired };
    })
    .filter((c) => c.recognised > 0)
    .sort((a, b) => b.recognised - a.recognised || a.missingRequired.length - b.missingRequired.length || b.table.rowCount - a.table.rowCount);
  let region: RegionInfo | null = null;
  if (candidates.length === 0) {
    const found = await port.detectRegion();
    if (found && !found.table && Object.keys(mapHeaders(found.headers).columns).length > 0) region = found;
  }
  return { tables: candidates, region, expectedHeaders: FIELDS.map((f) => f.header) };
}

/** Rows from the top of a sheet's used range searched for a header row (titles, notes and blank rows above it). */
export const HEADER_SEARCH_ROWS = 50;

export interface VendorBlock extends RegionInfo {
  /** Fields the header row names. */
  readonly recognised: number;
  readonly missingRequired: readonly FieldKey[];
}

function text(value: unknown): string {
  return value === null || value === undefined ? "" : String(value).trim();
}

/**
 * The vendor block in a sheet's used range: the row among the first HEADER_SEARCH_ROWS whose
 * cells name the most fields is the header row (so a title or a note above it is passed
 * over), its non-blank cells span the columns, and the rows below it down to the first blank
 * one are the vendors. null when no row names a field.
 */
export function vendorBlockIn(sheet: SheetSnapshot): VendorBlock | null {
  if (sheet.values.length === 0) return null;
  const origin = parseCell(sheet.origin);
  let best: { row: number; recognised: number } | null = null;
  for (let r = 0; r < Math.min(sheet.values.length, HEADER_SEARCH_ROWS); r++) {
    const recognised = Object.keys(mapHeaders(sheet.values[r].map(text)).columns).length;
    if (recognised > (best?.recognised ?? 0)) best = { row: r, recognised };
  }
  if (!best) return null;
  const headerRow = sheet.values[best.row];
  const filled = headerRow.map((v, c) => (text(v) === "" ? -1 : c)).filter((c) => c >= 0);
  const left = filled[0];
  const right = filled[filled.length - 1];
  let bottom = best.row;
  while (bottom + 1 < sheet.values.length && sheet.values[bottom + 1].slice(left, right + 1).some((v) => text(v) !== "")) bottom++;
  const headers = headerRow.slice(left, right + 1).map(text);
  const area = { top: origin.row + best.row, left: origin.column + left, bottom: origin.row + bottom, right: origin.column + right };
  return { sheet: sheet.name, address: rangeAddress(area), headers, rowCount: bottom - best.row, recognised: best.recognised, missingRequired: mapHeaders(headers).missingRequired };
}

/**
 * The best vendor block on the given sheets, ranked as tables are (more fields named, fewer
 * required ones missing, more rows), for a workbook with no selection to start from (a file).
 */
export async function findVendorBlock(port: WorkbookPort, sheets: readonly string[]): Promise<VendorBlock | null> {
  if (sheets.length === 0) return null;
  const read = await port.read({ sheets });
  const blocks = sheets.map((s) => read.sheets[s]).flatMap((snapshot) => (snapshot ? [vendorBlockIn(snapshot)] : [])).filter((b): b is VendorBlock => b !== null);
  blocks.sort((a, b) => b.recognised - a.recognised || a.missingRequired.length - b.missingRequired.length || b.rowCount - a.rowCount);
  return blocks[0] ?? null;
}

/** The block at `address` on a sheet as read (first row = headers); null when the sheet is missing. */
export async function blockAt(port: WorkbookPort, sheet: string, address: string): Promise<RegionInfo | null> {
  const read = await port.read({ sheets: [sheet] });
  const snapshot = read.sheets[sheet];
  if (!snapshot) return null;
  const area = parseRange(address);
  const origin = snapshot.origin ? parseCell(snapshot.origin) : { row: 0, column: 0 };
  const headers: string[] = [];
  for (let c = area.left; c <= area.right; c++) headers.push(text(snapshot.values[area.top - origin.row]?.[c - origin.column]));
  return { sheet, address: rangeAddress(area), headers, rowCount: area.bottom - area.top };
}

/** A table name free in the workbook: `base`, then base2, base3... */
export function freeTableName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  const clean = isValidTableName(base) ? base : "Vendors";
  if (!used.has(clean.toLowerCase())) return clean;
  for (let n = 2; ; n++) if (!used.has(`${clean}${n}`.toLowerCase())) return `${clean}${n}`;
}

export type TableActionOutcome =
  /** `notes`: what the conversion changed that the buyer should know (a repeated header renamed). */
  | { readonly ok: true; readonly table: string; readonly sheet: string; readonly notes?: readonly string[] }
  | { readonly ok: false; readonly message: string };

/** Turns the region (first row = headers) into a table named `name` (or a free variant of it). */
export async function convertRangeToTable(port: WorkbookPort, region: RegionInfo, name: string = SAMPLE_TABLE_NAME): Promise<TableActionOutcome> {
  if (region.table) return { ok: true, table: region.table, sheet: region.sheet };
  if (!isValidTableName(name))
    return { ok: false, message: `'${name}' cannot name a table: start with a letter, use letters, digits, underscores or periods, no spaces. Nothing was changed.` };
  const [tables, read] = await Promise.all([port.listTables(), port.read({ names: [name] })]);
  const taken = tables.map((t) => t.name).concat(read.names[name] ? [name] : []);
  const table = freeTableName(name, taken);
  try {
    await port.apply([{ kind: "convertRangeToTable", sheet: region.sheet, address: region.address, name: table }]);
  } catch (error) {
    return { ok: false, message: `Excel could not turn ${region.address} on '${region.sheet}' into a table: ${messageOf(error)}. Select a cell inside your vendor list and try again, or use Insert > Table. ${writtenBy(error)}` };
  }
  const notes = repeatedHeaderNotes(region);
  return { ok: true, table, sheet: region.sheet, ...(notes.length > 0 ? { notes } : {}) };
}

/**
 * A table's column names are unique, so converting a range numbers a repeated header (a
 * header typed twice, or a merged header cell read in each column it spans): Rate, Rate2.
 * Says which column the evaluation reads and what the other is now called.
 */
export function repeatedHeaderNotes(region: RegionInfo): string[] {
  const left = parseRange(region.address).left;
  const columns = new Map<string, number[]>();
  region.headers.forEach((h, i) => {
    const text = String(h ?? "").trim();
    if (text === "") return;
    const list = columns.get(text.toLowerCase()) ?? [];
    list.push(i);
    columns.set(text.toLowerCase(), list);
  });
  const read = mapHeaders(region.headers).columns;
  const notes: string[] = [];
  for (const indexes of columns.values()) {
    if (indexes.length < 2) continue;
    const header = String(region.headers[indexes[0]]).trim();
    const letters = indexes.map((i) => columnLetters(left + i));
    const used = Object.values(read).includes(indexes[0]) ? `the evaluation reads column ${letters[0]}; ` : "";
    const renamed = indexes.slice(1).map((_, k) => `column ${letters[k + 1]} is now '${header}${k + 2}'`);
    notes.push(`'${header}' heads columns ${letters.slice(0, -1).join(", ")} and ${letters[letters.length - 1]}: ${used}${renamed.join(", ")}. Rename the columns if another one holds the values to use.`);
  }
  return notes;
}

/** A new sheet holding the sample vendor table, so a buyer can try the add-in at once. */
export async function insertExampleTable(port: WorkbookPort): Promise<TableActionOutcome> {
  const sheetCandidates = [SAMPLE_SHEET_NAME, ...Array.from({ length: 8 }, (_, i) => `${SAMPLE_SHEET_NAME} (${i + 2})`)];
  const [tables, read] = await Promise.all([port.listTables(), port.read({ sheets: sheetCandidates })]);
  const sheet = sheetCandidates.find((s) => read.sheets[s] === null);
  if (!sheet) return { ok: false, message: `Sheets '${SAMPLE_SHEET_NAME}' to '${sheetCandidates[sheetCandidates.length - 1]}' already exist: rename one and try again. Nothing was changed.` };
  const table = freeTableName(SAMPLE_TABLE_NAME, tables.map((t) => t.name));
  try {
    await port.apply([
      { kind: "ensureSheet", sheet, activate: true },
      { kind: "createTable", sheet, address: "A1", name: table, headers: SAMPLE_VENDOR_HEADERS, rows: SAMPLE_VENDOR_ROWS.map((row) => row.map((v) => v ?? null)) },
    ]);
  } catch (error) {
    return { ok: false, message: `The example table could not be inserted: ${messageOf(error)}. Check that the workbook is not protected, then try again. ${writtenBy(error)}` };
  }
  return { ok: true, table, sheet };
}

export { messageOf };
