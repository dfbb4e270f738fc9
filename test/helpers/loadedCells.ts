// A user's vendor table as ExcelJS writes it, with every kind of cell, and what ExcelJS's API
// shows of a sheet's cells: for the tests of the cells the adapter holds (xlsxLoadedCells.ts,
// xlsxParkedRows.ts), which compare them with ExcelJS's own.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { XlsxWorkbook } from "../../src/workbook/xlsx";

export const ROWS = 300;

/**
 * A vendor table as a user's file holds one: text, numbers, booleans, errors, dates (styled by
 * their number format), formulas and their clones, a hyperlink, a note, a merged range, styled
 * empty cells, and in column H cells of a style whose model is empty (an `<xf>` naming no
 * format, font, fill or border): ExcelJS gives all of them one object, that style's.
 */
export async function userFile(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Vendors");
  sheet.addRow(["Vendor", "Rate", "Hours", "Country", "Start", "Cost", "Marked", "Plain style", "", "", "Flag"]);
  for (let r = 2; r <= ROWS; r++) {
    sheet.getCell(`A${r}`).value = `Vendor ${r}`;
    sheet.getCell(`B${r}`).value = 20 + (r % 37) * 1.25;
    sheet.getCell(`C${r}`).value = r % 7 === 0 ? true : r * 8;
    sheet.getCell(`D${r}`).value = r % 11 === 0 ? ({ error: "#N/A" } as ExcelJS.CellErrorValue) : `Country ${r % 9}`;
    const start = sheet.getCell(`E${r}`);
    start.value = new Date(Date.UTC(2026, 0, 1 + (r % 300)));
    start.numFmt = "yyyy-mm-dd";
    sheet.getCell(`F${r}`).value = (r % 3 === 2 ? { formula: `B${r}*C${r}`, result: r } : { sharedFormula: "F2", result: r }) as ExcelJS.CellValue;
    // Formulas with a style: the shared formula's first cell, every fifth cell, and a date.
    if (r === 2 || r % 5 === 0) sheet.getCell(`F${r}`).numFmt = "0.00";
    if (r === 33) sheet.getCell(`F${r}`).numFmt = "yyyy-mm-dd";
    if (r % 4 === 0) sheet.getCell(`G${r}`).style = { font: { bold: true } };
    sheet.getCell(`H${r}`).value = r;
    sheet.getCell(`H${r}`).style = { font: { strike: true } };
    if (r <= 40) sheet.getCell(`K${r}`).value = r;
  }
  sheet.getCell("A10").value = { text: "Site", hyperlink: "https://example.com/vendor?id=10&x=1" };
  sheet.getCell("A12").note = "Checked & <signed>";
  sheet.getCell("F31").note = "A note on a shared formula";
  sheet.getCell("I20").value = "Merged";
  sheet.mergeCells("I20:J21");
  const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
  const styles = await zip.file("xl/styles.xml")!.async("string");
  const count = Number(/<cellXfs count="(\d+)"/.exec(styles)![1]);
  zip.file("xl/styles.xml", styles.replace(/<cellXfs count="\d+">([\s\S]*?)<\/cellXfs>/, (_all, xfs: string) => `<cellXfs count="${count + 1}">${xfs}<xf numFmtId="0" xfId="0"/></cellXfs>`));
  const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  // One shared formula's style number is one the styles part does not have (a damaged file): ExcelJS gives it no style.
  // So is an unstyled number's.
  const withMissingStyle = xml.replace(/<c r="F40"( s="\d+")?/, `<c r="F40" s="${count + 7}"`).replace(/<c r="B41"( s="\d+")?/, `<c r="B41" s="${count + 7}"`);
  if (!withMissingStyle.includes(`<c r="F40" s="${count + 7}"`) || !withMissingStyle.includes(`<c r="B41" s="${count + 7}"`)) throw new Error("F40 or B41 not found in the sheet part");
  zip.file("xl/worksheets/sheet1.xml", withMissingStyle.replace(/<c r="(H\d+)" s="\d+"/g, (_all, address: string) => `<c r="${address}" s="${count}"`));
  return zip.generateAsync({ type: "nodebuffer" });
}

export interface HeldCell extends ExcelJS.Cell {
  _style?: unknown;
  _value: { model: Record<string, unknown> };
}

/** Every cell a sheet holds, row by row, without making any. */
export function cellsOf(sheet: ExcelJS.Worksheet): HeldCell[] {
  // Row and Cell's eachCell with empty cells makes every missing one (lib/doc/row.js).
  const rows = (sheet as unknown as { _rows: ({ _cells: (HeldCell | undefined)[] } | undefined)[] })._rows;
  return rows.flatMap((row) => (row ? row._cells.filter((cell): cell is HeldCell => cell !== undefined) : []));
}

/** Everything a cell holds, as ExcelJS's objects hold it: its fields in order, its value object's kind and fields, its model's fields in order. */
export function held(cells: HeldCell[]): unknown[] {
  return cells.map((cell) => {
    const value = cell._value as unknown as Record<string, unknown>;
    return {
      fields: Object.keys(cell),
      row: (cell as unknown as { _row: unknown })._row,
      column: (cell as unknown as { _column: unknown })._column,
      valueKind: Object.getPrototypeOf(value),
      valueFields: Object.keys(value),
      valueCell: value.cell === undefined ? undefined : value.cell === cell,
      model: Object.entries(cell._value.model),
      style: cell._style,
      comment: (cell as unknown as { _comment?: unknown })._comment,
      mergeCount: (cell as unknown as { _mergeCount: number })._mergeCount,
    };
  });
}

/** The same fields, each object that is the cell's own (its value and model, made again) compared by what it holds. */
export function heldAfter(before: unknown[], cells: HeldCell[]): void {
  const after = held(cells);
  expect(after.length).toBe(before.length);
  for (let i = 0; i < after.length; i++) {
    const [a, b] = [after[i] as Record<string, unknown>, before[i] as Record<string, unknown>];
    // The row, column, style, note and model's values are the very objects they were.
    for (const key of ["fields", "row", "column", "valueKind", "valueFields", "valueCell", "style", "comment", "mergeCount"]) expect({ cell: i, key, value: a[key] }).toEqual({ cell: i, key, value: b[key] });
    for (const key of ["row", "column", "style", "comment", "valueKind"]) expect({ cell: i, key, same: a[key] === b[key] }).toEqual({ cell: i, key, same: true });
    const [ma, mb] = [a.model as [string, unknown][], b.model as [string, unknown][]];
    expect(ma.map(([k]) => k)).toEqual(mb.map(([k]) => k));
    ma.forEach(([k, v], f) => expect({ cell: i, field: k, same: Object.is(v, mb[f][1]) }).toEqual({ cell: i, field: k, same: true }));
  }
}

/** What ExcelJS's API shows of each cell, and each value's model, field by field in order. */
export function shown(cells: HeldCell[]): unknown[] {
  return cells.map((cell) => ({
    address: cell.address,
    type: cell.type,
    value: cell.value,
    numFmt: cell.numFmt,
    font: cell.font,
    alignment: cell.alignment,
    border: cell.border,
    fill: cell.fill,
    protection: cell.protection,
    isMerged: cell.isMerged,
    note: cell.note,
    model: Object.entries(cell._value.model),
  }));
}

/** Each cell's style, and which cells share one style object (by the first cell holding it). */
export function styles(cells: HeldCell[]): { address: string; style: unknown; sharedWith: string }[] {
  const first = new Map<unknown, string>();
  return cells.map((cell) => {
    const style = cell.style;
    if (!first.has(style)) first.set(style, cell.address);
    return { address: cell.address, style: { ...style }, sharedWith: first.get(style)! };
  });
}

/** Every part of a package but the one stamped with the time of writing, by name. */
export async function parts(buffer: Buffer | ArrayBuffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buffer);
  const found: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) if (!zip.files[name].dir && name !== "docProps/core.xml") found[name] = await zip.file(name)!.async("string");
  return found;
}

/** The same file read by ExcelJS alone and by the adapter. */
export async function readBoth(file: Buffer): Promise<{ theirs: ExcelJS.Workbook; ours: XlsxWorkbook; book: ExcelJS.Workbook }> {
  const theirs = new ExcelJS.Workbook();
  await theirs.xlsx.load(file as unknown as ArrayBuffer);
  const ours = await XlsxWorkbook.fromBuffer(file);
  return { theirs, ours, book: (ours as unknown as { book: ExcelJS.Workbook }).book };
}
