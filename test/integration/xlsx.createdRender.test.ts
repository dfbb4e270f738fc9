// A made sheet's rows are written by the adapter's own renderer (xlsxCreatedSheet.ts), most
// cells from text it builds once per column, style and shared formula. Over generated sheets
// holding every kind of cell a made sheet can hold (values, formulas with and without text,
// clones of filled-down formulas, every kind of result, styles, holes), each row must be the
// XML ExcelJS 4.4's own row renderer (lib/xlsx/xform/sheet/row-xform.js) writes for the same
// prepared cells.
import fc from "fast-check";
import type ExcelJS from "exceljs";
import enums from "exceljs/lib/doc/enums";
import XmlStream from "exceljs/lib/utils/xml-stream";
import RowXform from "exceljs/lib/xlsx/xform/sheet/row-xform";
import StylesXform from "exceljs/lib/xlsx/xform/style/styles-xform";
import SharedStringsXform from "exceljs/lib/xlsx/xform/strings/shared-strings-xform";
import { columnLetters } from "../../src/workbook/address";
import { CreatedSheet, type StoredCell } from "../../src/workbook/xlsxCreatedSheet";
import { shareEmptyStyles, sharedStringsXml } from "../../src/workbook/xlsxRows";

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
  | { kind: "clone"; result: unknown };
const cell: fc.Arbitrary<Kind> = fc.oneof(
  fc.record({ kind: fc.constant("value" as const), value: fc.oneof(number, number, text, fc.boolean(), fc.constant(null)) }),
  fc.record({ kind: fc.constant("formula" as const), formula: fc.oneof(fc.constantFrom("A1*2", 'IF(B2<>"","a&b<c>","")', "SUM($A$1:A1)", 'IF(A1>0,"it\'s & <x>","\u0001 tab\t")'), fc.string({ minLength: 1 })), result, shared: fc.boolean() }),
  { arbitrary: fc.record({ kind: fc.constant("clone" as const), result }), weight: 3 },
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
      const stored: StoredCell = sheet.cell(r + 1, c + 1);
      if (kind.kind === "value") stored.set(kind.value);
      else if (kind.kind === "formula") {
        const address = `${columnLetters(c)}${r + 1}`;
        stored.set({ formula: kind.formula, result: kind.result, ...(kind.shared ? { shareType: "shared", ref: `${address}:${columnLetters(c)}${r + 9}` } : {}) } as ExcelJS.CellValue);
        masters[c] = address;
      } else stored.setClone(masters[c]!, kind.result);
      if (STYLES[style]) stored.style = STYLES[style]!;
    });
  });
  return sheet;
}

/** The cell models ExcelJS 4.4 has for the same cells had they been ExcelJS cells (lib/doc/cell.js `model`): each unformatted cell and each row with a style object of its own. */
function excelJsRows(sheet: CreatedSheet): { number: number; min: number; max: number; style: object; cells: Record<string, unknown>[] }[] {
  const rows: { number: number; min: number; max: number; style: object; cells: Record<string, unknown>[] }[] = [];
  (sheet as unknown as { rows: StoredCell[][] }).rows.forEach((stored, r) => {
    const present = stored.filter((c) => c !== undefined);
    const cells = present.map((c) => {
      const style = Object.keys(c.style).length === 0 && !STYLES.includes(c.style) ? {} : c.style;
      if (c.type !== enums.ValueType.Formula) return { address: c.address, type: c.type, value: c.value, style };
      const model: Record<string, unknown> = { address: c.address, type: c.type, formula: c.formula, sharedFormula: c.sharedFormula, result: c.result, shareType: c.shareType, ref: c.ref, style };
      for (const key of Object.keys(model)) if (model[key] === undefined) delete model[key];
      return model;
    });
    rows.push({ number: r + 1, min: present.length ? present[0].col : 0, max: present.length ? present[present.length - 1].col : 0, style: {}, cells });
  });
  return rows;
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
