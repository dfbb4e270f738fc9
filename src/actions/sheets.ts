// The sheets the add-in writes (assumptions, finance summary, checklists) carry fixed names a
// user may already have given a sheet of their own. A sheet is reused only when it is the
// add-in's, known by the title cell the add-in has written there since its first version;
// otherwise the next free name is used and the action says so. Nothing of the user's is
// written over.
//
// Excel compares sheet names without regard to case ('Finance summary' and 'finance SUMMARY'
// cannot both exist: Excel refuses the second, and so do Office.js's worksheets.add with
// ItemAlreadyExists and ExcelJS's addWorksheet, exceljs issues #1064 and #3028), so every
// comparison here ignores case.

import type { CellValue } from "../model/types";
import { ASSUMPTIONS_NAME, ASSUMPTIONS_SHEET, type NamedRangeInfo, type ReadResult, type SheetSnapshot, type SheetTitle, type WorkbookPort } from "../workbook/port";

/** Excel's limit on a sheet name, in UTF-16 units ("You typed an invalid name for a sheet or chart"). */
export const MAX_SHEET_NAME = 31;
/** How many numbered names are tried ("Name", "Name (2)" ... "Name (9)") before giving up. */
export const SHEET_ATTEMPTS = 9;

export function sameSheetName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Whether Excel accepts `name` for a new sheet: 1 to 31 characters, none of [ ] : * ? / \ or a
 * control character, no apostrophe at either end, and not 'History' (reserved by Excel).
 */
export function isValidSheetName(name: string): boolean {
  return (
    name.trim() !== "" &&
    name.length <= MAX_SHEET_NAME &&
    !/[[\]:*?/\\]/.test(name) &&
    !/\p{Cc}/u.test(name) &&
    !name.startsWith("'") &&
    !name.endsWith("'") &&
    !sameSheetName(name, "History")
  );
}

/** `base` for attempt 1, "base (n)" after, shortened (between characters) to stay within 31. */
export function numberedSheetName(base: string, attempt: number): string {
  const suffix = attempt > 1 ? ` (${attempt})` : "";
  let name = "";
  for (const ch of base) {
    if (name.length + ch.length > MAX_SHEET_NAME - suffix.length) break;
    name += ch;
  }
  return name.replace(/'+$/, "").trimEnd() + suffix;
}

export function sheetNameCandidates(base: string, attempts = SHEET_ATTEMPTS): string[] {
  return Array.from({ length: attempts }, (_, i) => numberedSheetName(base, i + 1));
}

/** A sheet as read by name (whole or by its title), matched without regard to case (an adapter may key it either way). */
export function sheetIn<T extends SheetRead>(sheets: Readonly<Record<string, T | null | undefined>>, name: string): T | null {
  if (sheets[name]) return sheets[name]!;
  const key = Object.keys(sheets).find((k) => sameSheetName(k, name) && sheets[k]);
  return key === undefined ? null : sheets[key]!;
}

/** A sheet as a read gives it: whole (SheetSnapshot) or by its title (SheetTitle). */
export type SheetRead = SheetSnapshot | SheetTitle;

export interface SheetChoice<T extends SheetRead = SheetSnapshot> {
  /** The name to write to (the existing sheet's own spelling when it is reused). */
  readonly name: string;
  /** The add-in's sheet found under that name; null when the sheet is to be added. */
  readonly snapshot: T | null;
  /** Sheets of the user's that hold the names tried first, left as they are. */
  readonly passedOver: readonly string[];
}

/**
 * Among `candidates` (read beforehand), the first sheet that `isOurs`, else the first free
 * valid name; null when every name is taken by the user's sheets. `preferred` (where the
 * add-in last wrote, e.g. the sheet its workbook name points to) is tried first when it is ours.
 */
export function chooseSheet<T extends SheetRead>(
  candidates: readonly string[],
  sheets: Readonly<Record<string, T | null | undefined>>,
  isOurs: (snapshot: T) => boolean,
  preferred?: string,
): SheetChoice<T> | null {
  const order = preferred === undefined ? candidates : [preferred, ...candidates.filter((c) => !sameSheetName(c, preferred))];
  const theirs = (upTo: number) =>
    order
      .slice(0, upTo)
      .map((n) => sheetIn(sheets, n))
      .filter((s): s is T => s !== null && !isOurs(s))
      .map((s) => s.name);
  const ours = order.findIndex((n) => {
    const snapshot = sheetIn(sheets, n);
    return snapshot !== null && isOurs(snapshot);
  });
  if (ours >= 0) {
    const snapshot = sheetIn(sheets, order[ours])!;
    return { name: snapshot.name || order[ours], snapshot, passedOver: ours === 0 ? [] : theirs(ours).filter((n) => candidates.some((c) => sameSheetName(c, n))) };
  }
  const free = candidates.findIndex((n) => sheetIn(sheets, n) === null && isValidSheetName(n));
  if (free < 0) return null;
  return { name: candidates[free], snapshot: null, passedOver: candidates.slice(0, free).map((n) => sheetIn(sheets, n)?.name ?? n) };
}

/** The sentence an action adds when it wrote to another name than its usual one. */
export function passedOverNote(choice: SheetChoice<SheetRead>, what: string): string {
  if (choice.passedOver.length === 0) return "";
  const theirs = choice.passedOver.map((n) => `'${n}'`).join(", ");
  return `The sheet${choice.passedOver.length === 1 ? "" : "s"} ${theirs} ${choice.passedOver.length === 1 ? "is" : "are"} not the add-in's and ${choice.passedOver.length === 1 ? "was" : "were"} left as ${choice.passedOver.length === 1 ? "it is" : "they are"}: ${what} is on the sheet '${choice.name}'.`;
}

/** Cell A1 of a sheet as text (empty when the used range does not start there, so A1 is empty). */
export function titleOf(sheet: SheetRead): string {
  const value = "title" in sheet ? sheet.title : sheet.origin === "A1" ? sheet.values[0]?.[0] : null;
  return value === null || value === undefined ? "" : String(value).trim();
}

// ---- The assumptions sheet ----
// Its defined name (ASSUMPTIONS_NAME) is what every formula reads, so the name, not the sheet's
// title, says where the add-in's assumptions are: a sheet of the user's under the usual name is
// passed over like any other, and the name points at the sheet the add-in wrote instead.

/** The names an assumptions sheet may have: the usual one, then "Offshore assumptions (2)" and on. */
export const ASSUMPTIONS_SHEET_CANDIDATES: readonly string[] = sheetNameCandidates(ASSUMPTIONS_SHEET);

/** The add-in's assumptions sheet, known by the header it has written in A1 since its first version. */
export function isAssumptionsSheet(snapshot: SheetSnapshot): boolean {
  return titleOf(snapshot).toLowerCase() === "assumption";
}

/**
 * The sheets of `read` (which asked for the name and the candidates) with the sheet the name
 * points at, read when it is none of the candidates (the user renamed the add-in's sheet): one
 * more round trip in that case only.
 */
export async function withNamedAssumptionsSheet(port: WorkbookPort, read: Pick<ReadResult, "names" | "sheets">): Promise<ReadResult["sheets"]> {
  const named = read.names[ASSUMPTIONS_NAME];
  if (!named || ASSUMPTIONS_SHEET_CANDIDATES.some((c) => sameSheetName(c, named.sheet)) || sheetIn(read.sheets, named.sheet)) return read.sheets;
  return { ...read.sheets, ...(await port.read({ sheets: [named.sheet] })).sheets };
}

/** Where the assumptions are (or go): the sheet the name points at when it is the add-in's, else as `chooseSheet` picks. */
export function chooseAssumptionsSheet(read: {
  readonly names: Readonly<Record<string, NamedRangeInfo | undefined>>;
  readonly sheets: Readonly<Record<string, SheetSnapshot | null | undefined>>;
}): SheetChoice | null {
  return chooseSheet(ASSUMPTIONS_SHEET_CANDIDATES, read.sheets, isAssumptionsSheet, read.names[ASSUMPTIONS_NAME]?.sheet);
}

/** The assumptions sheet's Low column (K; High is next to it): 0-based, as in SheetSnapshot.values. */
export const RANGE_COLUMN = 10;

/**
 * The assumptions as parseAssumptions reads them: (name, value) rows of `sheet` (or `rows`,
 * one per sheet row from row 2, when the caller has completed them) with each row's Low and
 * High cells, under a header row carrying the sheet's own Low and High headers, so that columns
 * the buyer uses for something else (another header) are never read as ends.
 */
export function assumptionTable(sheet: SheetSnapshot, rows: readonly (readonly CellValue[])[] = sheet.values.slice(1).map((r) => [r[0] ?? null, r[1] ?? null])): CellValue[][] {
  const header = sheet.values[0] ?? [];
  return [
    ["Assumption", "Value", header[RANGE_COLUMN] ?? null, header[RANGE_COLUMN + 1] ?? null],
    ...rows.map((r, i) => [r[0] ?? null, r[1] ?? null, sheet.values[i + 1]?.[RANGE_COLUMN] ?? null, sheet.values[i + 1]?.[RANGE_COLUMN + 1] ?? null]),
  ];
}
