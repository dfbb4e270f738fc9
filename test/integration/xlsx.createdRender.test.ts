// A made sheet's rows are written by the adapter's own renderer (xlsxCreatedSheet.ts), most
// cells from text it builds once per column, style and shared formula. Over generated sheets
// holding every kind of cell a made sheet can hold (values, formulas with and without text,
// clones of filled-down formulas, every kind of result, styles, holes), each row must be the
// XML ExcelJS 4.4's own row renderer (lib/xlsx/xform/sheet/row-xform.js) writes for the same
// prepared cells.
import fc from "fast-check";
import type ExcelJS from "exceljs";
import { Workbook as ExcelJSWorkbook } from "exceljs";
import enums from "exceljs/lib/doc/enums";
import XmlStream from "exceljs/lib/utils/xml-stream";
import RowXform from "exceljs/lib/xlsx/xform/sheet/row-xform";
import StylesXform from "exceljs/lib/xlsx/xform/style/styles-xform";
import SharedStringsXform from "exceljs/lib/xlsx/xform/strings/shared-strings-xform";
import { columnLetters } from "../../src/workbook/address";
import { CreatedSheet } from "../../src/workbook/xlsxCreatedSheet";
import utils from "exceljs/lib/utils/utils";
import { shareEmptyStyles, sharedStringsXml, xmlEncoded } from "../../src/workbook/xlsxRows";

const text = fc.oneof(fc.string(), fc.constantFrom("", "Tom & Jerry's <b>", 'say "hi"', "tab\t NUL\u0000 DEL\u007f", "Zürich 東京 🚀", "\ud800 lone"));
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 1e21, -1.5e-7, Number.NaN, Number.POSITIVE_INFINITY, 0.1 + 0.2));
/** A formula's cached result, of every type CellXform.renderFormula writes. */
const result = fc.oneof(
  { arbitrary: number, weight: 4 },
  text,
  fc.boolean(),
  fc.constant(undefined),
  fc.date({ min: new Date(Date.UTC(1901, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }),
  fc.constantFrom({ error: "#N/A" }, { error: "#DIV/0!" }),
);
type Kind =
  | { kind: "value"; value: ExcelJS.CellValue }
  | { kind: "formula"; formula: string; result: unknown; shared: boolean }
  | { kind: "clone"; result: unknown }
  | { kind: "pieces"; parts: number; numbers: number[]; result: unknown };
/** Parts of formulas kept as pieces (FormulaWrite.pieces), with and without the leading "=", with characters XML escapes. */
const PARTS: string[][] = [["=IF(BF", "=", ",CX", ',"it\'s & <x>")'], ["SUM(A", ":A", ")"], ["", '*"<"&', ""], ["=A1"]];
const cell: fc.Arbitrary<Kind> = fc.oneof(
  fc.record({ kind: fc.constant("value" as const), value: fc.oneof(number, number, text, fc.boolean(), fc.constant(null)) }),
  fc.record({ kind: fc.constant("formula" as const), formula: fc.oneof(fc.constantFrom("A1*2", 'IF(B2<>"","a&b<c>","")', "SUM($A$1:A1)", 'IF(A1>0,"it\'s & <x>","\u0001 tab\t")'), fc.string({ minLength: 1 })), result, shared: fc.boolean() }),
  { arbitrary: fc.record({ kind: fc.constant("clone" as const), result }), weight: 3 },
  fc.record({ kind: fc.constant("pieces" as const), parts: fc.nat(PARTS.length - 1), numbers: fc.array(number, { minLength: 3, maxLength: 3 }), result }),
);
/** Formats as the adapter gives them: none (the shared empty style), or one of a few style objects. */
const STYLES: (Partial<ExcelJS.Style> | undefined)[] = [undefined, {}, { numFmt: "0.00" }, { font: { bold: true } }, { numFmt: "0.0%", font: { italic: true } }];
const grid = fc.array(fc.array(fc.option(fc.tuple(cell, fc.nat(STYLES.length - 1)), { nil: undefined, freq: 3 }), { maxLength: 30 }), { maxLength: 8 });

/** Writes the generated cells into a made sheet; a clone names the nearest formula with text above it in its column, or is skipped. */
function build(rows: (([Kind, number] | undefined)[] | undefined)[]): CreatedSheet {
  const sheet = new CreatedSheet();
  const masters: (string | undefined)[] = [];
  rows.forEach((cells, r) => {
    cells?.forEach((entry, c) => {
      if (!entry) return;
      const [kind, style] = entry;
      if (kind.kind === "clone" && !masters[c]) return;
      if (kind.kind === "value") sheet.set(r + 1, c + 1, kind.value);
      else if (kind.kind === "formula") {
        const address = `${columnLetters(c)}${r + 1}`;
        sheet.set(r + 1, c + 1, { formula: kind.formula, result: kind.result, ...(kind.shared ? { shareType: "shared", ref: `${address}:${columnLetters(c)}${r + 9}` } : {}) } as ExcelJS.CellValue);
        masters[c] = address;
      } else if (kind.kind === "pieces") {
        sheet.setPieces(r + 1, c + 1, PARTS[kind.parts], kind.numbers.slice(0, PARTS[kind.parts].length - 1), kind.result);
        masters[c] = `${columnLetters(c)}${r + 1}`;
      } else sheet.setClone(r + 1, c + 1, masters[c]!, kind.result);
      if (STYLES[style]) sheet.setStyle(r + 1, c + 1, STYLES[style]!);
    });
  });
  return sheet;
}

/** The cell models ExcelJS 4.4 has for the same cells had they been ExcelJS cells (lib/doc/cell.js `model`): each unformatted cell and each row with a style object of its own. */
function excelJsRows(sheet: CreatedSheet): { number: number; min: number; max: number; style: object; cells: Record<string, unknown>[] }[] {
  const rows = new Map<number, { number: number; min: number; max: number; style: object; cells: Record<string, unknown>[] }>();
  sheet.forEachCell((r, c, value, style) => {
    const row = rows.get(r) ?? { number: r, min: c, max: c, style: {}, cells: [] };
    rows.set(r, row);
    row.max = c;
    const address = `${columnLetters(c - 1)}${r}`;
    if (value === null) row.cells.push({ address, type: enums.ValueType.Null, value: undefined, style: style ?? {} });
    else if (typeof value !== "object") row.cells.push({ address, type: typeof value === "string" ? enums.ValueType.String : typeof value === "number" ? enums.ValueType.Number : enums.ValueType.Boolean, value, style: style ?? {} });
    else row.cells.push({ address, type: enums.ValueType.Formula, ...value, style: style ?? {} });
  });
  return [...rows.values()];
}

describe("a made sheet's rows", () => {
  it("are prepared and written as ExcelJS's row renderer prepares and writes the same cells: style, string and shared formula numbers, tables and XML", () => {
    fc.assert(
      fc.property(grid, (rows) => {
        const sheet = build(rows);
        const theirRows = excelJsRows(sheet);
        const styles = new StylesXform(true);
        shareEmptyStyles(styles);
        const sharedStrings = new SharedStringsXform();
        sheet.prepare({ styles, sharedStrings, date1904: false });
        const ours: string[] = [];
        sheet.render((xml) => ours.push(xml));

        // ExcelJS's own preparation (lib/xlsx/xlsx.js prepareModel, worksheet-xform.js prepare), then its own row renderer.
        const theirStyles = new StylesXform(true);
        const theirStrings = new SharedStringsXform();
        const options = { styles: theirStyles, sharedStrings: theirStrings, date1904: false, formulae: {}, siFormulae: 0, comments: [], hyperlinks: [], merges: { add() {} } };
        const xform = new RowXform();
        for (const row of theirRows) xform.prepare(row, options);
        const theirs = theirRows.map((row) => {
          const stream = new XmlStream();
          xform.render(stream, row);
          return stream.xml;
        });
        expect(ours).toEqual(theirs);
        expect((styles as unknown as { model: unknown }).model).toEqual((theirStyles as unknown as { model: unknown }).model);
        expect((sharedStrings as unknown as { model: unknown }).model).toEqual((theirStrings as unknown as { model: unknown }).model);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the style table", () => {
  // Style contents the add-in and a workbook's own cells hold, and some that only their types
  // tell apart (NaN and null, 0 and -0, "1" and 1, a property undefined or missing).
  const CONTENTS: object[] = [
    {},
    { numFmt: "0.00" },
    { numFmt: "#,##0" },
    { font: { bold: true } },
    { font: { bold: true, color: { argb: "FF9C0006" } }, fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } } },
    { alignment: { wrapText: true, vertical: "top" } },
    { alignment: { vertical: "top", wrapText: true } },
    { font: { size: Number.NaN } },
    { font: { size: null } },
    { font: { size: 0 } },
    { font: { size: -0 } },
    { font: { size: 1 } },
    { font: { size: "1" } },
    { font: { bold: true, italic: undefined } },
    { border: { top: { style: "thin", color: { argb: "FF000000" } }, bottom: { style: "double" } } },
    { fill: { type: "gradient", gradient: "angle", degree: 90, stops: [{ position: 0, color: { argb: "FF0000FF" } }, { position: 1, color: { argb: "FFFFFFFF" } }] } },
    { fill: { type: "gradient", gradient: "angle", degree: 90, stops: [{ position: 1, color: { argb: "FFFFFFFF" } }, { position: 0, color: { argb: "FF0000FF" } }] } },
    { numFmt: "0.0%", font: { italic: true }, protection: { locked: false } },
  ];
  /** A copy made here (structuredClone's objects would be of Node's own realm, not the test's, and ExcelJS would number them itself). */
  const copy = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(copy) : typeof value === "object" && value !== null ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)])) : value;
  const TYPES = [undefined, enums.ValueType.Null, enums.ValueType.Number, enums.ValueType.String, enums.ValueType.Date, enums.ValueType.Formula, enums.ValueType.Boolean];
  it("numbers style objects, formatted or not, new or seen before, as ExcelJS's own table does, and holds the same styles", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(CONTENTS.length - 1), fc.nat(TYPES.length - 1), fc.nat(5)), { maxLength: 80 }), (steps) => {
        const ours = new StylesXform(true);
        shareEmptyStyles(ours);
        const theirs = new StylesXform(true);
        const made: object[] = [];
        for (const [content, type, reuse] of steps) {
          // Mostly a new object of the content (as each formatting of a range makes), sometimes one given before.
          const style = reuse === 0 && made.length > 0 ? made[content % made.length] : (copy(CONTENTS[content]) as object);
          made.push(style);
          expect(ours.addStyleModel(style, TYPES[type])).toBe(theirs.addStyleModel(style, TYPES[type]));
        }
        expect((ours as unknown as { model: unknown }).model).toEqual((theirs as unknown as { model: unknown }).model);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("a text escaped for the XML", () => {
  // Texts of every character utils.xmlEncode changes or keeps, quotes most of all (a formula's quoted sentence).
  const special = fc.constantFrom('"', '"', "&", "'", "<", ">", "\u007f", "\u0000", "\u0008", "\t", "\n", "\u000b", "\u000c", "\r", "\u000e", "\u001f", " ", "\ud800", "é", "東", "a", "1", "=");
  const texts = fc.oneof(fc.string(), fc.array(special).map((parts) => parts.join("")), fc.array(fc.oneof(special, fc.string())).map((parts) => parts.join("")));
  it("is utils.xmlEncode's text, quotes alone or with any other character it changes", () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(xmlEncoded(text)).toBe(utils.xmlEncode(text));
      }),
      { numRuns: 2000 },
    );
    expect(xmlEncoded('IF(A12=5,C12,"The rows were reordered")')).toBe("IF(A12=5,C12,&quot;The rows were reordered&quot;)");
  });
});

describe("the shared string table", () => {
  const spaced = fc.constantFrom(" lead", "trail ", "in\nline", "\ttab", "cr\r", "nbsp\u00a0", "\u2028", "plain", "", "a & <b> 'c' \"d\"", "NUL\u0000 ESC\u001b DEL\u007f", "\ud800 lone");
  const rich = fc.constant({ richText: [{ text: "a<b", font: { bold: true } }, { text: " & c " }] });
  it("is the XML ExcelJS's own table writes, strings added in any order and any number of times, rich text or not", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ arbitrary: fc.oneof(fc.string(), spaced), weight: 20 }, rich), { minLength: 1, maxLength: 60 }), (added) => {
        const table = new SharedStringsXform();
        for (const value of added) table.add(value);
        expect(sharedStringsXml(table as unknown as Parameters<typeof sharedStringsXml>[0])).toBe((table as unknown as { xml: string }).xml);
      }),
      { numRuns: 500 },
    );
  });
});

describe("a made sheet's store", () => {
  // Writes, overwrites, formats and clones in any order, rows widened after they were first
  // written (which moves a row's cells to a longer run of slots), against an ExcelJS worksheet
  // given the same writes: its own rows, dimensions, preparation and row renderer.
  type Op =
    | { op: "value"; r: number; c: number; value: ExcelJS.CellValue }
    | { op: "formula"; r: number; c: number; formula: string; result: unknown; shared: boolean }
    | { op: "clone"; r: number; c: number; master: number; result: unknown }
    | { op: "pieces"; r: number; c: number; parts: number; numbers: number[]; result: unknown }
    | { op: "style"; r: number; c: number; style: number }
    | { op: "reserve"; r: number; c: number; rows: number };
  const at = { r: fc.integer({ min: 1, max: 12 }), c: fc.integer({ min: 1, max: 40 }) };
  const op: fc.Arbitrary<Op> = fc.oneof(
    { arbitrary: fc.record({ op: fc.constant("value" as const), ...at, value: fc.oneof(number, text, fc.boolean(), fc.constant(null)) }), weight: 4 },
    fc.record({ op: fc.constant("formula" as const), ...at, formula: fc.constantFrom("A1*2", "SUM($A$1:A1)", 'IF(A1>0,"a&b","")'), result, shared: fc.boolean() }),
    { arbitrary: fc.record({ op: fc.constant("clone" as const), ...at, master: fc.nat(), result }), weight: 3 },
    { arbitrary: fc.record({ op: fc.constant("style" as const), ...at, style: fc.integer({ min: 1, max: STYLES.length - 1 }) }), weight: 2 },
    fc.record({ op: fc.constant("reserve" as const), ...at, rows: fc.nat(4) }),
    fc.record({ op: fc.constant("pieces" as const), ...at, parts: fc.nat(PARTS.length - 1), numbers: fc.array(number, { minLength: 3, maxLength: 3 }), result }),
  );
  /** The text a formula of pieces stands for (FormulaWrite.pieces), without its "=", as the adapter writes a formula. */
  const piecesText = (parts: string[], numbers: number[]): string => parts.map((p, i) => (i === 0 ? p : `${numbers[i - 1]}${p}`)).join("").replace(/^=/, "");

  /** Applies `ops` through `write`, `clone`, `style` and `reserve`; a clone names one of the formulas written so far, or is skipped. */
  function apply(
    ops: Op[],
    write: (r: number, c: number, value: ExcelJS.CellValue) => void,
    clone: (r: number, c: number, master: string, result: unknown) => void,
    style: (r: number, c: number, style: Partial<ExcelJS.Style>) => void,
    reserve: (top: number, bottom: number, right: number) => void = () => {},
    pieces: (r: number, c: number, parts: string[], numbers: number[], result: unknown) => void = (r, c, parts, numbers, result) => write(r, c, { formula: piecesText(parts, numbers), result } as ExcelJS.CellValue),
  ): void {
    const masters: string[] = [];
    for (const o of ops) {
      const address = `${columnLetters(o.c - 1)}${o.r}`;
      if (o.op === "value") write(o.r, o.c, o.value);
      else if (o.op === "formula") {
        write(o.r, o.c, { formula: o.formula, result: o.result, ...(o.shared ? { shareType: "shared", ref: `${address}:${address}` } : {}) } as ExcelJS.CellValue);
        masters.push(address);
      } else if (o.op === "pieces") {
        pieces(o.r, o.c, PARTS[o.parts], o.numbers.slice(0, PARTS[o.parts].length - 1), o.result);
        masters.push(address);
      } else if (o.op === "clone") {
        if (masters.length) clone(o.r, o.c, masters[o.master % masters.length], o.result);
      } else if (o.op === "style") style(o.r, o.c, STYLES[o.style]!);
      else reserve(o.r, o.r + o.rows, o.c);
    }
  }

  function made(ops: Op[]): CreatedSheet {
    const sheet = new CreatedSheet();
    apply(
      ops,
      (r, c, value) => sheet.set(r, c, value),
      (r, c, master, result) => sheet.setClone(r, c, master, result),
      (r, c, style) => sheet.setStyle(r, c, style),
      (top, bottom, right) => sheet.reserve(top, bottom, right),
      (r, c, parts, numbers, result) => sheet.setPieces(r, c, parts, numbers, result),
    );
    return sheet;
  }

  function excelJs(ops: Op[]): ExcelJS.Worksheet {
    const sheet = new ExcelJSWorkbook().addWorksheet("Made");
    apply(
      ops,
      (r, c, value) => (sheet.getRow(r).getCell(c).value = value),
      (r, c, master, result) => (sheet.getRow(r).getCell(c).value = { sharedFormula: master, result } as ExcelJS.CellValue),
      (r, c, style) => (sheet.getRow(r).getCell(c).style = style),
    );
    return sheet;
  }

  /** What `prepare` throws, or the rows, style and string tables it and `render` give. */
  function outcome(prepare: () => void, render: () => string[], styles: object, strings: object): unknown {
    try {
      prepare();
    } catch (error) {
      return { threw: (error as Error).message };
    }
    return { rows: render(), styles: (styles as { model: unknown }).model, strings: (strings as { model: unknown }).model };
  }

  // The finance summary's vendor-table block writes a formula of its own text on each table
  // row; a FormulaText object beside each text (some 64 bytes) is held until the file is written.
  it("keeps a formula written with its text alone as the text itself, no object per cell, until a clone makes it a master", () => {
    const sheet = new CreatedSheet();
    for (let r = 1; r <= 50; r++) sheet.set(r, 1, { formula: `IF(A${r}=1,B${r},"x")`, result: r } as ExcelJS.CellValue);
    sheet.set(1, 2, { formula: "A1*2", result: 2 } as ExcelJS.CellValue);
    sheet.setClone(2, 2, "B1", 4);
    const held = () => (sheet as unknown as { objects: unknown[] }).objects.filter((o) => typeof o === "object" && o !== null);
    expect(held()).toEqual([]);
    sheet.rowList({ expand() {} }, () => ({ styles: new StylesXform(true), sharedStrings: new SharedStringsXform(), date1904: false })).forEach();
    // The master's share type and range, set as its clone is prepared, are an object's.
    expect(held()).toEqual([expect.objectContaining({ formula: "A1*2", shareType: "shared" })]);
  });

  // The finance summary's some 86 slots a row are held until the file is written: a slot is a
  // kind byte, a number (a value's, or the place of a value that is none), a style and a formula
  // place, 17 bytes; its prepared numbers come with the preparation.
  it("holds 17 bytes a slot in its arrays until it is prepared: one array for a number and for the place of a value that is none", () => {
    const sheet = new CreatedSheet();
    sheet.reserve(1, 1000, 50);
    for (let r = 1; r <= 1000; r++)
      for (let c = 1; c <= 50; c++) sheet.set(r, c, c % 3 === 0 ? `text ${c}` : c % 3 === 1 ? r * c + 0.5 : ({ formula: `A${r}*2`, result: `r${r}` } as ExcelJS.CellValue));
    const typedBytes = () => Object.values(sheet).reduce((sum: number, v) => sum + (ArrayBuffer.isView(v) ? v.byteLength : 0), 0);
    const rowEnds = 1000 * Int32Array.BYTES_PER_ELEMENT;
    expect((typedBytes() - rowEnds) / (1000 * 50)).toBe(17);
    const read: unknown[] = [];
    sheet.forEachCell((r, c, value) => {
      if (r === 7) read.push(value);
    });
    expect(read.slice(0, 3)).toEqual([7.5, { formula: "A7*2", result: "r7" }, "text 3"]);
  });

  // The vendor-table block's formulas are each of their own text (some 130 bytes, 30,000 at
  // 10,000 rows), held until the file is written: kept as pieces, no string a cell is held.
  it("keeps a formula given as pieces as numbers and the parts shared by its cells, no text or object per cell", () => {
    const sheet = new CreatedSheet();
    const parts = ["=IF(BF", "=", ",CX", ',"reordered")'];
    for (let r = 1; r <= 50; r++) sheet.setPieces(r, 1, parts, [r, 1000 + r, r], r / 4);
    const objects = (sheet as unknown as { objects: unknown[] }).objects;
    expect(objects.filter((o) => o !== undefined)).toEqual([]);
    const read: unknown[] = [];
    sheet.forEachCell((r, c, value) => read.push(value));
    expect(read[49]).toEqual({ formula: 'IF(BF50=1050,CX50,"reordered")', result: 12.5 });
  });

  it("holds, prepares and writes the cells an ExcelJS sheet given the same writes holds, prepares and writes", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const sheet = made(ops);
        const theirSheet = excelJs(ops);

        // The sheet's dimensions are widened by each row's cells as the sheet model's getter widens them (lib/doc/worksheet.js).
        const expanded: number[][] = [];
        const rows = sheet.rowList({ expand: (...area) => expanded.push(area) }, () => ({ styles, sharedStrings, date1904: false }));
        const theirRows = (theirSheet.model as unknown as { rows: { number: number; min: number; max: number }[] }).rows;
        expect(expanded).toEqual(theirRows.map((row) => [row.number, row.min, row.number, row.max]));
        expect(rows.length).toBe(theirRows.length);

        const styles = new StylesXform(true);
        shareEmptyStyles(styles);
        const sharedStrings = new SharedStringsXform();
        const ours = outcome(
          () => rows.forEach(),
          () => {
            const xml: string[] = [];
            rows.render((text) => xml.push(text));
            return xml;
          },
          styles,
          sharedStrings,
        );
        const theirStyles = new StylesXform(true);
        const theirStrings = new SharedStringsXform();
        const options = { styles: theirStyles, sharedStrings: theirStrings, date1904: false, formulae: {}, siFormulae: 0, comments: [], hyperlinks: [], merges: { add() {} } };
        const xform = new RowXform();
        const theirs = outcome(
          () => theirRows.forEach((row) => xform.prepare(row, options)),
          () =>
            theirRows.map((row) => {
              const stream = new XmlStream();
              xform.render(stream, row);
              return stream.xml;
            }),
          theirStyles,
          theirStrings,
        );
        expect(ours).toEqual(theirs);

        // Moved into ExcelJS, the cells are those written there directly.
        const replayed = new ExcelJSWorkbook().addWorksheet("Made");
        made(ops).replay(replayed);
        expect((replayed.model as unknown as { rows: object[] }).rows).toEqual((excelJs(ops).model as unknown as { rows: object[] }).rows);
      }),
      { numRuns: 300 },
    );
  });
});
